// Issue 13: pictures are fetched unasked only from a contact the user chatted with, a few
// at once, within a per-peer and total budget; past it a picture is an ordinary offer.
// Reproductions: 40 offers of 4 MiB must not write 160 MiB; 300 failed ones leave no
// `.pigeon-part` files behind.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransferDTO } from '../../src-shared/contract';
import { fakePigeon, type FakePigeon } from './support/fake-pigeon';
import { startCores, waitFor, type TestCore } from './support/cores';

const PORT = 2451;
const ALICE = '127.0.0.90';
const MiB = 1024 * 1024;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function alice(): Promise<{ core: TestCore; images: string; downloads: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pigeon-pictures-'));
  dirs.push(dir);
  const images = path.join(dir, 'images');
  const downloads = path.join(dir, 'downloads');
  const [core] = await startCores([ALICE], PORT, { imagesDir: images, downloadDir: downloads });
  return { core: core!, images, downloads };
}

/** Bytes of every file in a folder (none if it was never made). */
function bytesIn(dir: string): number {
  let total = 0;
  for (const name of safeList(dir)) total += statSync(path.join(dir, name)).size;
  return total;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The user has written to the fake peer, so it is a contact they chatted with. */
async function chatWith(core: TestCore, peer: FakePigeon): Promise<void> {
  await peer.announce(ALICE, PORT);
  await waitFor(() => core.core.snapshot().peers.find((p) => p.id === peer.id), 5000, 'the peer');
  core.core.sendMessage({ conversationId: core.core.openConversation(peer.id), text: 'hello' });
}

async function offers(core: TestCore, peer: FakePigeon, count: number): Promise<TransferDTO[]> {
  return waitFor(
    () => {
      const list = core.core.listTransfers({ conversationId: peer.id });
      // Settled: nothing moving, and no picture still waiting its turn.
      const settled = list.every(
        (t) => t.state !== 'active' && !(t.image && t.state === 'offered'),
      );
      return list.length === count && settled && list;
    },
    60_000,
    `${count} offers settled`,
  );
}

describe('pictures offered by peers', () => {
  it('40 offers of 4 MiB from a contact: a few at once, within budget, the rest are files', async () => {
    const { core, images } = await alice();
    const four = Buffer.alloc(4 * MiB, 7);
    const bob = await fakePigeon('127.0.0.91', PORT, 'bob', (connection) => {
      connection.end(four);
    });
    await chatWith(core, bob);
    for (let i = 0; i < 40; i++) await bob.offer(ALICE, PORT, 1000 + i, four.length);

    const list = await offers(core, bob, 40);
    const fetched = list.filter((t) => t.image && t.state === 'done');
    const asFiles = list.filter((t) => !t.image && t.state === 'offered');
    // Past the cap of open offers per peer, the rest are refused in view (offer-cap.test.ts).
    const refused = list.filter((t) => !t.image && t.state === 'failed');
    expect(fetched.length).toBeGreaterThan(0);
    expect(asFiles.length).toBeGreaterThan(0);
    expect(fetched.length + asFiles.length + refused.length).toBe(40);
    expect(bytesIn(images)).toBeLessThanOrEqual(32 * MiB);
    expect(bob.connections.most).toBeLessThanOrEqual(3);
  }, 90_000);

  it('a picture from someone the user never wrote to is an ordinary offer', async () => {
    const { core, images } = await alice();
    const stranger = await fakePigeon('127.0.0.92', PORT, 'eve', (connection) => {
      connection.end(Buffer.alloc(1000));
    });
    await stranger.announce(ALICE, PORT);
    await stranger.offer(ALICE, PORT, 2000, 1000);
    const [offer] = await offers(core, stranger, 1);
    expect(offer).toMatchObject({ image: false, state: 'offered' });
    expect(stranger.connections.total).toBe(0);
    expect(safeList(images)).toEqual([]);
  });

  it('300 failed picture fetches leave no partial files', async () => {
    const { core, images, downloads } = await alice();
    const mallory = await fakePigeon('127.0.0.93', PORT, 'mallory');
    await chatWith(core, mallory);
    for (let i = 0; i < 300; i++) await mallory.offer(ALICE, PORT, 3000 + i, 1000);
    const list = await offers(core, mallory, 300);
    // Fetches were tried, and failed: the peer hangs up on every one.
    expect(mallory.connections.total).toBeGreaterThan(0);
    expect(list.filter((t) => t.image && t.state === 'failed')).toHaveLength(
      mallory.connections.total,
    );
    const left = [...safeList(images), ...safeList(downloads)];
    expect(left.filter((name) => name.endsWith('.pigeon-part'))).toEqual([]);
  }, 90_000);
});
