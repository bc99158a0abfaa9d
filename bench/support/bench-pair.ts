import { fileURLToPath } from 'node:url';
import type { createLan } from '../../test/lab/lan';
import { lastJsonLine } from './json-line';

type Lan = Awaited<ReturnType<typeof createLan>>;

/** A bench fixture's path and arguments: `.ts` ones run through tsx. */
const nodeArgs = ([script, ...args]: string[]): string[] => {
  const file = fileURLToPath(new URL(`../${script!}`, import.meta.url));
  return file.endsWith('.ts') ? ['--import', 'tsx', file, ...args] : [file, ...args];
};

/**
 * Start `receiver` (a fixture under bench/, which prints `ready`) on the host named
 * `receiver`, run `sender` on the host named `sender`, and return the sender's last JSON line.
 */
export async function runPair(
  lan: Lan,
  receiver: string[],
  sender: string[],
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  const listening = lan.spawnOn('receiver', process.execPath, nodeArgs(receiver), {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  try {
    while (!lan.outputOf(listening).includes('ready')) await new Promise((r) => setTimeout(r, 20));
    const sending = lan.spawnOn('sender', process.execPath, nodeArgs(sender));
    return await lastJsonLine(() => lan.outputOf(sending), sending, timeoutMs);
  } finally {
    await lan.stop(listening);
  }
}
