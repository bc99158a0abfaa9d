/** The last JSON line a bench process printed, waiting up to `ms` for one. */
export async function lastJsonLine(
  output: () => string,
  child: { exitCode: number | null },
  ms: number,
): Promise<Record<string, unknown>> {
  const end = Date.now() + ms;
  for (;;) {
    const lines = output()
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    if (lines.length > 0) return JSON.parse(lines[lines.length - 1] as string);
    if (Date.now() > end || child.exitCode !== null) throw new Error(`no result:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
