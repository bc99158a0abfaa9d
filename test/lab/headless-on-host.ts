import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lan } from './lan';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const HEADLESS_ENTRY = path.join(ROOT, 'out/headless/index.cjs');

export interface HeadlessOnHost {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>/?token=…`, reachable from that host only. */
  url: string;
  dataDir: string;
}

/**
 * Start `node out/headless/index.cjs` (what `npm run headless` runs, without npm's
 * wrapper so the process can be stopped by its own PID) on a lab host and wait for
 * its "Pigeon UI:" line.
 */
export async function startHeadlessOn(
  lan: Lan,
  host: string,
  args: string[],
  opts: { dataDir?: string; timeoutMs?: number } = {},
): Promise<HeadlessOnHost> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), `pigeon-${host}-`));
  const child = lan.spawnOn(host, process.execPath, [
    HEADLESS_ENTRY,
    '--data-dir',
    dataDir,
    ...args,
  ]);
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  for (;;) {
    const output = lan.outputOf(child);
    const match = /Pigeon UI: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
    if (match?.[1]) return { child, url: match[1], dataDir };
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`headless Pigeon on ${host} did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
