import { rememberBounded } from '../bounded';

/**
 * How many entry answers (ANSENTRY, a unicast BR_ENTRY "who are you", a UTF-8 hello)
 * Pigeon may still send. Each datagram heard from an address earns it one answer,
 * saved up to a few, so Pigeon never sends an address more than it received from it;
 * a total per second bounds the answers to many addresses at once.
 */
export class AnswerBudget {
  private readonly credit = new Map<string, number>();
  private windowStart = 0;
  private spentInWindow = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly perSecond = 200,
    private readonly maxSaved = 4,
    /** Addresses remembered at once; beyond it the oldest are forgotten (no credit). */
    private readonly maxAddresses = 4096,
  ) {}

  /** A datagram came from `address`. */
  heard(address: string): void {
    const saved = this.credit.get(address) ?? 0;
    rememberBounded(this.credit, address, Math.min(this.maxSaved, saved + 1), this.maxAddresses);
  }

  /** Whether an answer to `address` may be sent now; if so it is spent. */
  spend(address: string): boolean {
    const saved = this.credit.get(address) ?? 0;
    if (saved < 1) return false;
    const now = this.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.spentInWindow = 0;
    }
    if (this.spentInWindow >= this.perSecond) return false;
    this.spentInWindow++;
    this.credit.set(address, saved - 1);
    return true;
  }
}
