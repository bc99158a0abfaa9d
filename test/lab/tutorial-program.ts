// A tutorial-style Python socket program on a lab host (test/lab/fixtures/seed-tcp-*.py,
// udp-echo.py): its printed lines collected as they come, lines typed to its stdin.
import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Lan } from './lan';
import { until } from './until';

export const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

export interface TutorialProgram {
  child: ChildProcess;
  lines: string[];
  type(line: string): void;
  /** Close its stdin (the programs exit then) and stop it by its own handle. */
  stop(): Promise<void>;
}

/** Start `python3 args…` on a host; resolves once it printed a line starting with `first`. */
export async function runTutorialProgram(
  lan: Lan,
  host: string,
  args: string[],
  first: string,
): Promise<TutorialProgram> {
  const child = lan.spawnOn(host, 'python3', args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONIOENCODING: 'utf-8' },
  });
  const lines: string[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  await until(() => lines.some((line) => line.startsWith(first)), 10_000, `${first}: ${args[0]}`);
  return {
    child,
    lines,
    type: (line) => void child.stdin!.write(`${line}\n`),
    stop: async () => {
      child.stdin?.end();
      await lan.stop(child, { graceMs: 1000 });
    },
  };
}
