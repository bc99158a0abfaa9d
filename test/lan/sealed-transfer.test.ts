import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { captureTcp, type TcpSegment } from '../lab/tcp-capture';
import { listTree, sha256File } from '../lab/transfer-data';
import { offer, waitForDone, waitForPeers } from '../lab/transfer-driver';

// Two Pigeons on two namespace hosts; tcpdump on the receiver's link sees every TCP segment
// between them. A file and a folder cross sealed: none of their bytes, nor the names inside
// the folder, appear in any segment. The same file sent over a bare TCP connection during the
// same capture is found in it, so the capture and the search are shown to work.
const HOSTS = [
  { name: 'alpha', address: '10.97.0.10' },
  { name: 'bravo', address: '10.97.0.11' },
] as const;
const ID = { alpha: 'staff@alpha-pc', bravo: 'staff@bravo-pc' };
const MARKER = 'PIGEON-PLAINTEXT-MARKER:';
const SECRET_NAME = 'salary-review-marker.txt';
const RAW_PORT = '2426';
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

let lan: Lan;
let work: string;
const pigeons = {} as Record<'alpha' | 'bravo', PigeonOnHost>;
const downloads = {} as Record<'alpha' | 'bravo', string>;

/** 3 MiB of lines that each hold the marker: any 80 plaintext bytes contain one whole. */
function markedText(bytes: number): Buffer {
  const line = `${MARKER} confidential line of a file that must not be readable\n`;
  return Buffer.from(line.repeat(Math.ceil(bytes / line.length))).subarray(0, bytes);
}

const holdsMarker = (s: TcpSegment): boolean =>
  s.payload.includes(MARKER) || s.payload.includes(SECRET_NAME);

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'pigeon-sealed-'));
  lan = await createLan({ hosts: [...HOSTS] });
  for (const host of HOSTS) {
    const dataDir = path.join(work, host.name, 'data');
    downloads[host.name] = path.join(work, host.name, 'downloads');
    await mkdir(dataDir, { recursive: true });
    await mkdir(downloads[host.name], { recursive: true });
    pigeons[host.name] = await startPigeonOn(lan, host.name, {
      nickname: host.name,
      user: 'staff',
      host: `${host.name}-pc`,
      dataDir,
      downloadDir: downloads[host.name],
      timing: { answerDelayMaxMs: 200, reannounceMs: 2000 },
    });
  }
  await waitForPeers(pigeons.alpha, ID.alpha, pigeons.bravo, ID.bravo);
}, 120_000);

afterAll(async () => {
  await lan?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

async function send(paths: string[]): Promise<void> {
  const { outgoing, incoming } = await offer(pigeons.alpha, ID.alpha, pigeons.bravo, ID.bravo, [
    ...paths,
  ]);
  await pigeons.bravo.call('acceptTransfer', { transferId: incoming.id });
  await waitForDone(pigeons.bravo, ID.alpha, incoming.id, 60_000, 'bravo receives');
  await waitForDone(pigeons.alpha, ID.bravo, outgoing.id, 20_000, 'alpha sees it sent');
}

describe('files between two Pigeons on the wire', () => {
  it('show none of their plaintext in any TCP segment; a bare TCP copy does', async () => {
    const source = path.join(work, 'source');
    const file = path.join(source, 'report.txt');
    const folder = path.join(source, 'papers');
    await mkdir(path.join(folder, 'inner'), { recursive: true });
    await writeFile(file, markedText(3 * 1024 * 1024));
    await writeFile(path.join(folder, 'inner', SECRET_NAME), markedText(200_000));
    await writeFile(path.join(folder, 'short.txt'), `${MARKER} short\n`);

    const capture = await captureTcp(lan, 'bravo', path.join(work, 'bravo.pcap'));
    await send([file]);
    await send([folder]);
    // The control: the same file over a bare connection, in plain, during the same capture.
    const rawOut = path.join(work, 'raw-copy.txt');
    const sink = lan.spawnOn('bravo', process.execPath, [
      here('../../bench/fixtures/raw-tcp-receiver.mjs'),
      RAW_PORT,
      rawOut,
    ]);
    while (!lan.outputOf(sink).includes('ready')) await new Promise((r) => setTimeout(r, 20));
    const pump = lan.spawnOn('alpha', process.execPath, [
      here('../../bench/fixtures/raw-tcp-sender.mjs'),
      HOSTS[1].address,
      RAW_PORT,
      file,
    ]);
    while (!lan.outputOf(sink).includes('{')) await new Promise((r) => setTimeout(r, 20));
    await lan.stop(pump);
    const segments = await capture.stop();

    expect(await sha256File(path.join(downloads.bravo, 'report.txt'))).toBe(await sha256File(file));
    expect(await listTree(path.join(downloads.bravo, 'papers'))).toEqual(await listTree(folder));

    const pigeonSegments = segments.filter((s) => s.fromPort === 2425 || s.toPort === 2425);
    const carried = pigeonSegments.reduce((sum, s) => sum + s.payload.length, 0);
    // Everything went through the capture: at least the file and the folder's contents.
    expect(carried).toBeGreaterThan(3 * 1024 * 1024 + 200_000);
    const leaks = pigeonSegments.filter(holdsMarker);
    expect(leaks.map((s) => `${s.from}:${s.fromPort} → ${s.to}:${s.toPort}`)).toEqual([]);

    const rawSegments = segments.filter(
      (s) => s.fromPort === Number(RAW_PORT) || s.toPort === Number(RAW_PORT),
    );
    expect(rawSegments.filter(holdsMarker).length).toBeGreaterThan(10);
  }, 180_000);
});
