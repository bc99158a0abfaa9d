/**
 * How long Pigeon may wait before answering a BR_ENTRY. IPMsg waits a random moment so
 * that a whole office does not answer a newcomer in the same millisecond; a fixed
 * second of it made every join take a second even among three hosts. The bound here
 * grows with the hosts heard, about one millisecond each, so the newcomer receives
 * roughly one answer per millisecond however large the LAN: a few milliseconds at
 * home, a second (the configured cap) at a thousand hosts.
 */
export const ANSWER_DELAY_PER_HOST_MS = 1;
/** Even alone with the newcomer, a moment: a burst of copies of one entry is over by then. */
export const ANSWER_DELAY_MIN_MS = 2;

/** The upper bound of the random answer delay, given the hosts heard so far. */
export function answerDelayBoundMs(hostsHeard: number, capMs: number): number {
  const spread = Math.max(ANSWER_DELAY_MIN_MS, hostsHeard * ANSWER_DELAY_PER_HOST_MS);
  return Math.max(0, Math.min(capMs, spread));
}

/** A delay drawn below the bound; `random` returns a number in [0, 1). */
export function answerDelayMs(hostsHeard: number, capMs: number, random: () => number): number {
  return Math.floor(random() * answerDelayBoundMs(hostsHeard, capMs));
}
