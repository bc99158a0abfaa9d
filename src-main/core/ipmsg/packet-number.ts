// Packet numbers as IP Messenger makes them: start from the clock in seconds, count up,
// and jump forward to the clock whenever it has passed the counter. iptux drops any
// SENDMSG whose number is not above the last one it saw from that address, so numbers
// must keep rising across restarts too, which the clock seed gives.

const UINT32_MAX = 0xffffffff;
const UINT32_RANGE = 0x1_0000_0000;

export class PacketNumberer {
  private last = 0;

  /** `now` returns milliseconds since the epoch, like Date.now. */
  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Strictly increasing within uint32. Wrap rule: the clock is read modulo 2^32 seconds
   * (as a 32-bit `time_t` would be, from the year 2106), and after 0xFFFFFFFF the counter
   * restarts from that clock value, or from 1 if the clock is unusable or at the limit. Peers then see
   * a smaller number once, as after a restart of iptux, and re-synchronise on the next
   * entry exchange.
   */
  next(): number {
    const clock = this.clockSeconds();
    let candidate = this.last + 1;
    if (clock > candidate) candidate = clock;
    if (candidate > UINT32_MAX) candidate = clock > 0 && clock < this.last ? clock : 1;
    this.last = candidate;
    return candidate;
  }

  private clockSeconds(): number {
    const ms = this.now();
    if (!Number.isFinite(ms) || ms < 0) return 0;
    return Math.floor(ms / 1000) % UINT32_RANGE;
  }
}
