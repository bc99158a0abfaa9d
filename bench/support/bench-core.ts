import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMessengerCore } from '../../src-main/core/messenger';
import type { MessengerCore } from '../../src-main/core/messenger-api';
import { openStore, type PigeonStore } from '../../src-main/core/store';

/** A core of the messaging benches: user `bench` on `host`, answering entries within 10 ms. */
export function benchCore(nickname: string, host: string): MessengerCore {
  return createMessengerCore(
    { nickname, user: 'bench', host, timing: { answerDelayMaxMs: 10 } },
    benchStore(host),
  );
}

/**
 * The history a bench core keeps: in memory unless BENCH_STORE=file, which gives it a
 * history file as a user's Pigeon has (WAL, exclusive lock), where every commit is a
 * write to the WAL. Removed when the process exits.
 */
function benchStore(name: string): PigeonStore | undefined {
  if (process.env.BENCH_STORE !== 'file') return undefined;
  const folder = mkdtempSync(path.join(os.tmpdir(), `pigeon-bench-${name}-`));
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  return openStore(path.join(folder, 'history.sqlite'), { exclusive: true });
}
