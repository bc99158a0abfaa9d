import { rememberBounded } from '../bounded';
import type { Endpoint } from '../net/endpoint';

/** Endpoints whose last answered entry is remembered; older ones are forgotten first. */
const REMEMBERED = 4096;

/**
 * One answer per entry: the same BR_ENTRY reaches a host once per broadcast address it
 * was sent to (255.255.255.255 and the directed broadcast, one packet number), and a
 * peer may ask again before the first answer left. An answer already waiting covers any
 * further entry from that endpoint, and a copy of the entry last answered is ignored.
 */
export class EntryAnswers {
  private readonly waiting = new Map<string, NodeJS.Timeout>();
  private readonly answered = new Map<string, number>();

  /** Whether an entry numbered `packetNo` from `from` still needs an answer. */
  needsAnswer(from: Endpoint, packetNo: number): boolean {
    const key = keyOf(from);
    return !this.waiting.has(key) && this.answered.get(key) !== packetNo;
  }

  /** Send `answer` to `to` after `delayMs`, on behalf of the entry numbered `packetNo`. */
  schedule(to: Endpoint, packetNo: number, delayMs: number, answer: () => void): void {
    const key = keyOf(to);
    rememberBounded(this.answered, key, packetNo, REMEMBERED);
    const timer = setTimeout(() => {
      this.waiting.delete(key);
      answer();
    }, delayMs);
    this.waiting.set(key, timer);
  }

  cancelAll(): void {
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
  }
}

const keyOf = (endpoint: Endpoint): string => `${endpoint.address}:${endpoint.port}`;
