import type { MessengerTiming } from '../../../src-main/core/options';

/**
 * Timing of the labs where hosts forge and move address claims: entries every second so a
 * claim is re-stated soon, an address proved within 1.5 s, contacts kept 20 s.
 */
export const CLAIM_TIMING: Partial<MessengerTiming> = {
  answerDelayMaxMs: 200,
  retryIntervalMs: 400,
  maxRetries: 4,
  reannounceMs: 1000,
  ageOutMs: 20_000,
  claimProbeMs: 1500,
};
