import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type PigeonStore } from '../../../../src-main/core/store/index';
import { tempDir, tempFile } from './helpers';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
let writer = '';

beforeAll(async () => {
  writer = path.join(tempDir(), 'writer.cjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./fixtures/history-writer.ts', import.meta.url))],
    outfile: writer,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // The native module is loaded from the project, as the app loads it.
    external: ['better-sqlite3'],
    logLevel: 'error',
  });
}, 30_000);

const stores: PigeonStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

/** Run the writer; resolves with the ids it reported stored and how it ended. */
function runWriter(
  file: string,
  count: number,
  mode: 'close' | 'crash-wait',
  killAfter?: number,
): Promise<{ ids: string[]; code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [writer, file, String(count), mode], {
    env: { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ids: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('stored ')) return;
    ids.push(line.slice('stored '.length));
    if (killAfter !== undefined && ids.length === killAfter) child.kill('SIGKILL');
  });
  return new Promise((resolve) =>
    child.once('close', (code, signal) => resolve({ ids, code, signal, stderr })),
  );
}

describe('history across processes', () => {
  it('a message written by one process is read by the next', async () => {
    const file = tempFile();
    const run = await runWriter(file, 120, 'close');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.ids).toHaveLength(120);
    const store = openStore(file);
    stores.push(store);
    const all = [...store.messages.iterate('writer@other-process')].map((m) => m.id);
    expect(all).toEqual(run.ids);
    expect(store.conversations.get('writer@other-process')).toMatchObject({
      unread: 120,
      lastMessage: { id: run.ids.at(-1) },
    });
    expect(store.messages.search('第7条').map((hit) => hit.message.id)).toEqual([run.ids[7]]);
    expect(store.messages.findByPacket('writer@other-process', 1005)?.id).toBe(run.ids[5]);
  }, 30_000);

  it('keeps every message a killed process reported stored', async () => {
    const file = tempFile();
    const run = await runWriter(file, 100_000, 'crash-wait', 40);
    expect(run.signal).toBe('SIGKILL');
    expect(run.ids.length).toBeGreaterThanOrEqual(40);
    const store = openStore(file);
    stores.push(store);
    expect(store.db.problem).toBeUndefined();
    const kept = new Set([...store.messages.iterate('writer@other-process')].map((m) => m.id));
    for (const id of run.ids) expect(kept.has(id), id).toBe(true);
    // And the file takes new writes after the crash.
    const more = await runWriter(file, 3, 'close');
    expect(more.code).toBe(0);
  }, 30_000);
});
