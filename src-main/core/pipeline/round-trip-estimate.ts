// How long to wait before sending an unacknowledged message again to one peer, learnt
// from its acknowledgements the way TCP learns a retransmission timeout (RFC 6298):
// a smoothed round trip and its mean deviation, the timeout their sum with the
// deviation weighted four times. Pigeon's own code, written from the RFC's rules.

export interface RetryBounds {
  /** Before the first measurement. */
  initialMs: number;
  /** Never sooner: timers on a loaded machine fire late, and a duplicate costs a datagram. */
  floorMs: number;
  /** Never later than the fixed interval every other client uses. */
  ceilingMs: number;
}

/** RFC 6298's gains: 1/8 for the mean, 1/4 for the deviation. */
const ALPHA = 1 / 8;
const BETA = 1 / 4;
const DEVIATION_WEIGHT = 4;

export class RoundTripEstimate {
  private smoothed: number | undefined;
  private deviation = 0;
  /** Set when a wait ran out: kept for later messages until a new measurement (Karn). */
  private backedOff: number | undefined;

  constructor(private readonly bounds: RetryBounds) {}

  /** A round trip measured on a message sent once (never on a retransmitted one). */
  sample(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    if (this.smoothed === undefined) {
      this.smoothed = ms;
      this.deviation = ms / 2;
    } else {
      this.deviation = (1 - BETA) * this.deviation + BETA * Math.abs(this.smoothed - ms);
      this.smoothed = (1 - ALPHA) * this.smoothed + ALPHA * ms;
    }
    this.backedOff = undefined;
  }

  /** The wait before the first retransmission of the next message. */
  get timeoutMs(): number {
    if (this.backedOff !== undefined) return this.backedOff;
    const raw =
      this.smoothed === undefined
        ? this.bounds.initialMs
        : this.smoothed + DEVIATION_WEIGHT * this.deviation;
    return this.clamp(raw);
  }

  /**
   * A wait of `expiredMs` ran out without an acknowledgement: later messages start from
   * twice it, so a round trip that grew past the estimate (whose messages all get
   * retransmitted, and so never measured) cannot keep every message sent twice.
   */
  expired(expiredMs: number): void {
    this.backedOff = Math.max(this.timeoutMs, this.clamp(2 * expiredMs));
  }

  /** The wait after one of `previousMs` ran out: twice it, within the bounds. */
  nextWait(previousMs: number): number {
    return this.clamp(2 * previousMs);
  }

  /** For tests and diagnostics: the smoothed round trip and its deviation, if measured. */
  get measured(): { smoothedMs: number; deviationMs: number } | undefined {
    return this.smoothed === undefined
      ? undefined
      : { smoothedMs: this.smoothed, deviationMs: this.deviation };
  }

  private clamp(ms: number): number {
    const { floorMs, ceilingMs } = this.bounds;
    return Math.min(ceilingMs, Math.max(floorMs, ms));
  }
}
