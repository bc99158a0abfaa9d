// Packet numbers as IP Messenger makes them: start from the clock in seconds, count up,
// and jump forward to the clock whenever it has passed the counter. iptux drops any
// SENDMSG whose number is not above the last one it saw from that address, so numbers
// must keep rising across restarts too, which the clock seed gives.

const UINT32_RANGE = 0x1_0000_0000;

/**
 * Chance in the numbering: an offset above the clock, drawn once per run, and a step
 * drawn per packet. Without it a number is the clock, and anyone on the LAN can guess
 * the number of a message it never saw (and forge its receipt).
 */
export interface NumberingChance {
  offset: number;
  step: () => number;
}

/** Deterministic numbering (tests): the clock itself, counting up by one. */
const NO_CHANCE: NumberingChance = { offset: 0, step: () => 1 };

export class PacketNumberer {
  /** Never goes back and never wraps (a double holds integers up to 2^53). */
  private counter = 0;

  /**
   * `now` returns milliseconds since the epoch, like Date.now. `floor` is the highest
   * number used before a restart: a sender that ran ahead of the clock must not reuse
   * numbers, because Pigeon peers remember (peer, number) to refuse a message twice.
   */
  constructor(
    private readonly now: () => number = Date.now,
    floor = 0,
    private readonly chance: NumberingChance = NO_CHANCE,
  ) {
    this.counter = Math.max(0, floor);
  }

  /**
   * Wrap rule: the counter is unbounded and only ever moves forward; the wire carries it
   * modulo 2^32, skipping 0. So numbers are strictly increasing until the counter
   * crosses a multiple of 2^32 — when the clock passes 2^32 seconds (year 2106), or
   * after four billion packets ahead of the clock — and then restart from 1 (or the
   * clock's low 32 bits); peers see one smaller number, as after an iptux restart.
   */
  next(): number {
    const step = Math.max(1, Math.floor(this.chance.step()));
    let candidate = Math.max(this.counter + step, this.clockSeconds() + this.chance.offset);
    if (candidate % UINT32_RANGE === 0) candidate += 1;
    this.counter = candidate;
    return candidate % UINT32_RANGE;
  }

  private clockSeconds(): number {
    const ms = this.now();
    if (!Number.isFinite(ms) || ms < 0) return 0;
    return Math.floor(ms / 1000);
  }
}
