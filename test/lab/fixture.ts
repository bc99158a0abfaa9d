import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Lan } from './lan';
import { hasExited, waitUntil } from './proc';

/** A fixture script from test/lab/fixtures running on a lab host. */
export interface RunningFixture {
  readonly child: ChildProcess;
  /** The fixture's `{"event":"ready",…}` line. */
  readonly ready: Record<string, unknown>;
  stop(): Promise<void>;
}

/**
 * Starts `node test/lab/fixtures/<script> args…` on a host and waits for the
 * `{"event":"ready"}` line it prints. Fixtures exit when their stdin closes.
 */
export async function startFixture(
  lan: Lan,
  host: string,
  script: string,
  args: readonly string[] = [],
  timeoutMs = 10_000,
): Promise<RunningFixture> {
  const path = fileURLToPath(new URL(`./fixtures/${script}`, import.meta.url));
  const child = lan.spawnOn(host, process.execPath, [path, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let ready: Record<string, unknown> | undefined;
  if (!child.stdout) throw new Error(`${script}: no stdout`);
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      const event = JSON.parse(line) as Record<string, unknown>;
      if (event.event === 'ready') ready ??= event;
    } catch {
      // Not a JSON line: only kept in the output tail.
    }
  });
  const stop = async (): Promise<void> => {
    child.stdin?.end();
    await lan.stop(child, { graceMs: 2000 });
  };
  try {
    const readyEvent = await waitUntil(
      `${script} on ${host}`,
      () => {
        if (hasExited(child))
          throw new Error(`${script} on ${host} exited: ${lan.outputOf(child)}`);
        return ready;
      },
      timeoutMs,
      20,
    );
    return { child, ready: readyEvent, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
