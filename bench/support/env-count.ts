/**
 * A whole number a bench reads from the environment (BENCH_MESSAGES=20000), or `fallback`
 * when unset. Anything else is refused with the variable's name: a count read as NaN
 * would leave a bench waiting for round trips that never end.
 */
export function countFromEnv(
  name: string,
  fallback: number,
  { min = 1 }: { min?: number } = {},
  env: NodeJS.ProcessEnv = process.env,
): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min)
    throw new Error(`${name} must be a whole number of at least ${min}, not "${text}".`);
  return value;
}
