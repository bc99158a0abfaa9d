/**
 * Poll `probe` until it gives something truthy, and return it; fail with `what` after
 * `ms`. For tests that wait on another process (a Pigeon on a lab host, iptux, FeiQ).
 */
export async function until<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  ms: number,
  what: string,
  intervalMs = 100,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
