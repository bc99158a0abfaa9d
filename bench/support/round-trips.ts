import type { MessengerCore } from '../../src-main/core/messenger-api';

/**
 * One message at a time to a conversation, each timed from `sendMessage` to its
 * `delivered` (or `failed`) event; the next goes in the turn after. Resolves with the
 * round trips in milliseconds after `warmup` unmeasured ones; `measuring` is called as the
 * first measured one starts.
 */
export function timeRoundTrips(
  core: MessengerCore,
  conversationId: string,
  { count, warmup, measuring }: { count: number; warmup: number; measuring?: () => void },
): Promise<number[]> {
  const roundTrips: number[] = [];
  let sentAt = 0n;
  let done = 0;
  return new Promise((resolve) => {
    const next = (): void => {
      sentAt = process.hrtime.bigint();
      core.sendMessage({ conversationId, text: 'ping' });
    };
    core.onEvent((event) => {
      if (event.type !== 'message' || event.message.direction !== 'out') return;
      if (event.message.state !== 'delivered' && event.message.state !== 'failed') return;
      done += 1;
      if (done === warmup) measuring?.();
      if (done > warmup) roundTrips.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
      if (done === warmup + count) resolve(roundTrips);
      else setImmediate(next);
    });
    if (warmup === 0) measuring?.();
    next();
  });
}

/** The value at fraction `q` (0.5, 0.99) of numbers sorted ascending. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
}
