// Issue 13: Pigeon killed with SIGKILL in the middle of a download, then the transfer
// tried again. The partial file is resumed (from another Pigeon) or removed and the file
// fetched from zero (from any other client): never left behind as an orphan, and the
// transfer counts the bytes it really has.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMessengerCore } from '../../src-main/core/messenger';
import type { MessengerCore } from '../../src-main/core/messenger-api';
import { openStore, type PigeonStore } from '../../src-main/core/store';
import { bundleForLab } from '../lab/bundle';
import { fakePigeon } from './support/fake-pigeon';
import { waitFor } from './support/cores';

const PORT = 2455;
const ALICE = '127.0.0.97';
const SIZE = 2 * 1024 * 1024;
let child = '';
let work = '';

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'pigeon-killed-'));
  const entry = fileURLToPath(new URL('./fixtures/downloading-pigeon.ts', import.meta.url));
  child = await bundleForLab(entry, 'downloading-pigeon');
  return () => rmSync(work, { recursive: true, force: true });
}, 30_000);

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Alice in a child process, killed with SIGKILL once `killWhen` holds. */
async function downloadThenKill(file: string, downloads: string, killWhen: () => boolean) {
  const alice = spawn(process.execPath, [child, file, ALICE, String(PORT), downloads], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const closed = new Promise((resolve) => alice.once('close', resolve));
  cleanups.push(() => {
    alice.kill('SIGKILL');
    return closed;
  });
  await new Promise<void>((resolve) =>
    readline.createInterface({ input: alice.stdout }).on('line', (line) => {
      if (line === 'started') resolve();
    }),
  );
  return {
    killed: (async () => {
      await waitFor(killWhen, 15_000, 'part of the file on disk');
      alice.kill('SIGKILL');
      await closed;
    })(),
  };
}

function partialBytes(downloads: string): number {
  const partial = readdirSync(downloads).find((name) => name.endsWith('.pigeon-part'));
  return partial ? statSync(path.join(downloads, partial)).size : 0;
}

function restartAlice(file: string, downloads: string): MessengerCore {
  const store: PigeonStore = openStore(file);
  const core = createMessengerCore(
    {
      nickname: 'Alice',
      user: 'alice',
      host: 'desk',
      port: PORT,
      bindAddress: ALICE,
      broadcast: false,
      downloadDir: downloads,
    },
    store,
  );
  cleanups.push(() => store.close());
  cleanups.push(() => core.stop());
  return core;
}

describe('a download killed with SIGKILL, then tried again', () => {
  it('from a client that cannot resume: fetched from zero, no orphan partial file', async () => {
    const file = path.join(work, 'iptux.db');
    const downloads = mkdtempSync(path.join(work, 'downloads-'));
    const content = Buffer.alloc(SIZE, 'x');
    let whole = false;
    const iptux = await fakePigeon(
      '127.0.0.98',
      PORT,
      'wang',
      (connection) => {
        if (whole) connection.end(content);
        else connection.write(content.subarray(0, SIZE / 2)); // then nothing: a stalled sender
      },
      '1_iptux 0.9.4',
    );
    const { killed } = await downloadThenKill(
      file,
      downloads,
      () => partialBytes(downloads) >= SIZE / 2,
    );
    await iptux.announce(ALICE, PORT);
    await iptux.offer(ALICE, PORT, 7000, SIZE, 'file');
    await killed;

    whole = true;
    const alice = restartAlice(file, downloads);
    await alice.start();
    await iptux.announce(ALICE, PORT);
    const [interrupted] = alice.listTransfers({ conversationId: iptux.id });
    expect(interrupted).toMatchObject({ state: 'failed', retryable: true });
    // Nothing can continue it: removed at start, before any retry.
    await waitFor(() => readdirSync(downloads).length === 0, 5000, 'the partial file removed');
    const retried = alice.retryTransfer({ transferId: interrupted!.id });
    expect(retried.bytesDone).toBe(0);
    const done = await waitFor(
      () => alice.listTransfers({ conversationId: iptux.id }).find((t) => t.state === 'done'),
      10_000,
      'the file fetched again',
    );
    expect(done.bytesDone).toBe(SIZE);
    expect(readdirSync(downloads)).toEqual(['file7000.bin']);
    expect(statSync(path.join(downloads, 'file7000.bin')).size).toBe(SIZE);
  }, 60_000);

  it('from another Pigeon: resumed from the partial file, counting the bytes it holds', async () => {
    const file = path.join(work, 'pigeon.db');
    const downloads = mkdtempSync(path.join(work, 'downloads-'));
    const content = Buffer.alloc(SIZE, 'y');
    const offsets: number[] = [];
    let whole = false;
    const bob = await fakePigeon('127.0.0.99', PORT, 'bob', (connection, request) => {
      if (!whole) return void connection.write(content.subarray(0, SIZE / 2));
      // GETFILEDATA's extra is packetNo:fileId:offset, in hex.
      const offset = parseInt(request.split(':')[7] ?? '0', 16);
      offsets.push(offset);
      connection.end(content.subarray(offset));
    });
    const { killed } = await downloadThenKill(
      file,
      downloads,
      () => partialBytes(downloads) >= SIZE / 2,
    );
    await bob.announce(ALICE, PORT);
    await bob.offer(ALICE, PORT, 8000, SIZE, 'file');
    await killed;

    whole = true;
    const alice = restartAlice(file, downloads);
    const moving: number[] = [];
    alice.onEvent((event) => {
      if (event.type === 'transfer' && event.transfer.state === 'active') {
        moving.push(event.transfer.bytesDone);
      }
    });
    await alice.start();
    await bob.announce(ALICE, PORT);
    const [interrupted] = alice.listTransfers({ conversationId: bob.id });
    alice.retryTransfer({ transferId: interrupted!.id });
    const done = await waitFor(
      () => alice.listTransfers({ conversationId: bob.id }).find((t) => t.state === 'done'),
      10_000,
      'the file finished',
    );
    expect(offsets).toEqual([SIZE / 2]);
    expect(Math.max(...moving)).toBeGreaterThanOrEqual(SIZE / 2);
    expect(done.bytesDone).toBe(SIZE);
    expect(readdirSync(downloads)).toEqual(['file8000.bin']);
    expect(statSync(path.join(downloads, 'file8000.bin')).size).toBe(SIZE);
  }, 60_000);
});
