import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferDTO } from '../../src-shared/contract';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { clearRate, limitRate, openConnections } from '../lab/tcp-sockets';
import { listTree, sha256File, writeRandomFile, writeSmallTree } from '../lab/transfer-data';
import { ENDED, offer, waitForDone, waitForPeers, waitForTransfer } from '../lab/transfer-driver';

// Two hosts, each with a Pigeon of its own (own history and download folder). Files go
// over real TCP between the namespaces; sources live in the sandbox's private TMPDIR.
const HOSTS = [
  { name: 'alpha', address: '10.98.0.10' },
  { name: 'bravo', address: '10.98.0.11' },
] as const;
type HostName = (typeof HOSTS)[number]['name'];
const ID: Record<HostName, string> = { alpha: 'staff@alpha-pc', bravo: 'staff@bravo-pc' };
const TIMING = {
  answerDelayMaxMs: 200,
  retryIntervalMs: 500,
  maxRetries: 4,
  reannounceMs: 2000,
  ageOutMs: 60_000,
};
const BIG_BYTES = 200 * 1024 * 1024;
const BIG_NAME = '大文件 200MB.bin';
const FOLDER_NAME = '资料包';
const SMALL_FILES = 1000;
// Generous: a shared 2-core VM, two cores for two Pigeons, the test and the kernel.
const TRANSFER_MS = 150_000;

let lan: Lan;
let work: string;
let bigFile: string;
let bigSha: string;
let folder: string;
const pigeons = new Map<HostName, PigeonOnHost>();
const downloads = {} as Record<HostName, string>;

const pigeon = (name: HostName): PigeonOnHost => pigeons.get(name)!;
const other = (name: HostName): HostName => (name === 'alpha' ? 'bravo' : 'alpha');

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'pigeon-transfer-'));
  const source = path.join(work, 'source');
  await mkdir(source);
  bigFile = path.join(source, BIG_NAME);
  await writeRandomFile(bigFile, BIG_BYTES);
  bigSha = await sha256File(bigFile);
  folder = path.join(source, FOLDER_NAME);
  await writeSmallTree(folder, { files: SMALL_FILES, depth: 3, maxBytes: 8192 });

  lan = await createLan({ hosts: [...HOSTS] });
  for (const host of HOSTS) {
    const dataDir = path.join(work, host.name, 'data');
    downloads[host.name] = path.join(work, host.name, 'downloads');
    await mkdir(dataDir, { recursive: true });
    await mkdir(downloads[host.name], { recursive: true });
    pigeons.set(
      host.name,
      await startPigeonOn(lan, host.name, {
        nickname: host.name === 'alpha' ? '小张' : '李工',
        user: 'staff',
        host: `${host.name}-pc`,
        dataDir,
        downloadDir: downloads[host.name],
        timing: TIMING,
      }),
    );
  }
  await waitForPeers(pigeon('alpha'), ID.alpha, pigeon('bravo'), ID.bravo);
}, 300_000);

afterAll(async () => {
  await lan?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Sends `paths` from one host to the other and waits until both sides say done. */
async function send(from: HostName, paths: string[]): Promise<TransferDTO> {
  const to = other(from);
  const { outgoing, incoming } = await offer(pigeon(from), ID[from], pigeon(to), ID[to], paths);
  expect(outgoing).toMatchObject({ direction: 'out', state: 'offered' });
  await pigeon(to).call('acceptTransfer', { transferId: incoming.id });
  const received = await waitForDone(
    pigeon(to),
    ID[from],
    incoming.id,
    TRANSFER_MS,
    `${to} receives from ${from}`,
  );
  await waitForDone(pigeon(from), ID[to], outgoing.id, 20_000, `${from} sees its send done`);
  return received;
}

/** No connection left on either host but listening sockets and TIME-WAIT. */
async function expectNoConnections(): Promise<void> {
  for (const host of HOSTS) {
    let left = await openConnections(lan, host.name);
    const end = Date.now() + 15_000;
    // FIN handshakes take a moment; a socket still open after that is a leak.
    while (left.length > 0 && Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      left = await openConnections(lan, host.name);
    }
    expect(left, `TCP connections still open on ${host.name}`).toEqual([]);
  }
}

describe('file transfer between two Pigeons on two hosts', () => {
  for (const from of ['alpha', 'bravo'] as const) {
    it(
      `a 200 MB file from ${from} to ${other(from)} arrives byte for byte`,
      async () => {
        const to = other(from);
        const received = await send(from, [bigFile]);
        expect(received.totalBytes).toBe(BIG_BYTES);
        expect(received.bytesDone).toBe(BIG_BYTES);
        const where = path.join(received.directory ?? downloads[to], BIG_NAME);
        expect(path.dirname(where)).toBe(downloads[to]);
        expect(await sha256File(where)).toBe(bigSha);
        const names = (await listTree(downloads[to], false)).map((e) => e.path);
        expect(names.filter((n) => n.endsWith('.pigeon-part'))).toEqual([]);
        await expectNoConnections();
      },
      TRANSFER_MS + 60_000,
    );
  }

  for (const from of ['alpha', 'bravo'] as const) {
    it(
      `a folder of ${SMALL_FILES} small files from ${from} to ${other(from)} arrives whole`,
      async () => {
        const to = other(from);
        const expected = await listTree(folder);
        expect(expected.filter((e) => e.kind === 'file')).toHaveLength(SMALL_FILES);
        expect(expected.some((e) => e.kind === 'file' && e.size === 0)).toBe(true);
        await send(from, [folder]);
        const got = await listTree(path.join(downloads[to], FOLDER_NAME));
        expect(got.length).toBe(expected.length);
        expect(got).toEqual(expected);
        await expectNoConnections();
      },
      TRANSFER_MS + 60_000,
    );
  }
});

describe('a transfer stopped half-way leaves nothing behind', () => {
  for (const side of ['receiver', 'sender'] as const) {
    it(
      `cancelled by the ${side}: no partial file, no open socket`,
      async () => {
        // alpha → bravo, slowed to ~25 MB/s so the stop lands mid-file.
        const before = await listTree(downloads.bravo, false);
        await limitRate(lan, 'alpha', '200mbit');
        try {
          const { outgoing, incoming } = await offer(
            pigeon('alpha'),
            ID.alpha,
            pigeon('bravo'),
            ID.bravo,
            [bigFile],
          );
          await pigeon('bravo').call('acceptTransfer', { transferId: incoming.id });
          const moving = await waitForTransfer(
            pigeon('bravo'),
            ID.alpha,
            incoming.id,
            (t) => t.bytesDone >= BIG_BYTES / 20 || ENDED.includes(t.state),
            60_000,
            'bravo has received 5 %',
          );
          expect(moving.state).toBe('active');
          // The check below must be able to fail: the transfer's connection is visible now.
          expect((await openConnections(lan, 'bravo')).length).toBeGreaterThan(0);

          if (side === 'receiver') {
            await pigeon('bravo').call('cancelTransfer', { transferId: incoming.id });
          } else {
            await pigeon('alpha').call('cancelTransfer', { transferId: outgoing.id });
          }
          const atBravo = await waitForTransfer(
            pigeon('bravo'),
            ID.alpha,
            incoming.id,
            (t) => ENDED.includes(t.state),
            20_000,
            'bravo sees the transfer end',
          );
          const atAlpha = await waitForTransfer(
            pigeon('alpha'),
            ID.bravo,
            outgoing.id,
            (t) => ENDED.includes(t.state),
            20_000,
            'alpha sees the transfer end',
          );
          // Stopped half-way (not finished in a rush before the stop), and both sides know
          // it was a cancel, not a failure: the other side was told.
          expect(atBravo.bytesDone).toBeLessThan(BIG_BYTES);
          expect([atBravo.state, atAlpha.state]).toEqual(['cancelled', 'cancelled']);

          await expectNoConnections();
          // Whatever bravo wrote is gone: no *.pigeon-part, no half file under the real name.
          expect(await listTree(downloads.bravo, false)).toEqual(before);
        } finally {
          await clearRate(lan, 'alpha');
        }
      },
      TRANSFER_MS,
    );
  }
});
