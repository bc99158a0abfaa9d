// File and folder transfer over real loopback sockets: a file server on 127.0.0.31, a
// receiving peer on 127.0.0.32 and a stranger on 127.0.0.33, port 2431.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  describeForOffer,
  downloadFile,
  downloadFolder,
  FileServer,
  OfferRegistry,
  TransferError,
  type FileServerEvent,
  type RequesterIdentity,
} from '../../src-main/core/transfer';

const PORT = 2431;
const SERVER = '127.0.0.31';
const PEER = '127.0.0.32';
const STRANGER = '127.0.0.33';
const BIG = 20 * 1024 * 1024;

let packetNo = 1_700_000_000;
const requester: RequesterIdentity = {
  version: '1_pigeon',
  user: 'peer',
  host: 'peer-host',
  nextPacketNo: () => ++packetNo,
};

let work: string;
let source: string;
let bigFile: string;
let folder: string;

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every path under `dir` with a hash (files) or '/' (folders). */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path)] = entry.isDirectory() ? '/' : await sha256(path);
  }
  return out;
}

function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
}

async function settled(probe: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > 5000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pigeon-transfer-'));
  source = join(work, 'source');
  await mkdir(source);
  bigFile = join(source, 'big.bin');
  await writeFile(bigFile, randomBytes(BIG));
  // 300 small files over nested folders, two nested empty folders and an empty file.
  folder = join(source, 'album');
  for (let i = 0; i < 300; i++) {
    const sub = join(folder, `part-${i % 5}`, i % 2 ? 'odd' : 'even');
    await mkdir(sub, { recursive: true });
    await writeFile(join(sub, `file-${i}.txt`), randomBytes(1 + ((i * 37) % 5000)));
  }
  await mkdir(join(folder, 'empty', 'nested', 'deeper'), { recursive: true });
  await writeFile(join(folder, 'empty.txt'), '');
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('file transfer on loopback', () => {
  let registry: OfferRegistry;
  let server: FileServer;
  let events: FileServerEvent[];
  let downloads: string;

  beforeEach(async () => {
    registry = new OfferRegistry();
    events = [];
    server = new FileServer({
      registry,
      port: PORT,
      bindAddress: SERVER,
      onEvent: (e) => events.push(e),
    });
    await server.start();
    downloads = await mkdtemp(join(work, 'downloads-'));
  });

  afterEach(async () => {
    await server.close();
  });

  const source = (localAddress = PEER) => ({ host: SERVER, port: PORT, localAddress, requester });

  async function offerTo(peer: string, path: string) {
    const offer = registry.offer(++packetNo, peer, [await describeForOffer(path)]);
    return { packetNo: offer.packetNo, file: offer.files[0]! };
  }

  async function expectNothingLeft(): Promise<void> {
    expect(await readdir(downloads)).toEqual([]);
    await settled(async () => (await server.getConnections()) === 0, 'connections to close');
    await settled(() => server.active().length === 0, 'transfers to end');
  }

  it('sends a 20 MB file intact, into a final name, with progress', async () => {
    const progress: number[] = [];
    const { packetNo: no, file } = await offerTo(PEER, bigFile);
    const result = await downloadFile({
      ...source(),
      packetNo: no,
      fileId: file.fileId,
      name: file.name,
      size: file.size,
      mtime: file.mtime,
      downloadDir: downloads,
      sha256: true,
      onProgress: (bytes) => progress.push(bytes),
    });
    expect(result.path).toBe(join(downloads, 'big.bin'));
    expect(result.bytes).toBe(BIG);
    expect(result.sha256).toBe(await sha256(bigFile));
    expect(await sha256(result.path)).toBe(await sha256(bigFile));
    expect(await readdir(downloads)).toEqual(['big.bin']);
    expect(progress[progress.length - 1]).toBe(BIG);
    await settled(() => events.some((e) => e.type === 'end'), 'the server to finish');
    expect(events.find((e) => e.type === 'end')).toMatchObject({ outcome: 'done', bytes: BIG });
  });

  it('never overwrites: a second download of the same name gets " (1)"', async () => {
    const { packetNo: no, file } = await offerTo(PEER, bigFile);
    const spec = {
      ...source(),
      packetNo: no,
      fileId: file.fileId,
      name: file.name,
      size: file.size,
      downloadDir: downloads,
    };
    await downloadFile(spec);
    const second = await downloadFile(spec);
    expect(second.path).toBe(join(downloads, 'big (1).bin'));
    expect((await readdir(downloads)).sort()).toEqual(['big (1).bin', 'big.bin']);
  });

  it('sends a folder of 300 files, empty folders and an empty file intact', async () => {
    const { packetNo: no, file } = await offerTo(PEER, folder);
    let last = 0;
    const result = await downloadFolder({
      ...source(),
      packetNo: no,
      fileId: file.fileId,
      name: file.name,
      downloadDir: downloads,
      utf8: true,
      onProgress: (bytes) => (last = bytes),
    });
    expect(result.path).toBe(join(downloads, 'album'));
    expect(result.files).toBe(301);
    expect(result.folders).toBe(1 + 5 + 10 + 3);
    expect(await snapshot(result.path)).toEqual(await snapshot(folder));
    expect(last).toBe(result.bytes);
    expect(await readdir(downloads)).toEqual(['album']);
  });

  it('gives nothing for a file not offered, or offered to another peer', async () => {
    const { packetNo: no, file } = await offerTo(PEER, bigFile);
    const spec = {
      packetNo: no,
      fileId: file.fileId,
      name: file.name,
      size: file.size,
      downloadDir: downloads,
    };
    const attempts = [
      downloadFile({ ...source(STRANGER), ...spec }),
      downloadFile({ ...source(), ...spec, fileId: file.fileId + 1 }),
      downloadFile({ ...source(), ...spec, packetNo: no + 1000 }),
      downloadFolder({ ...source(), ...spec }), // a file asked for as a folder
    ];
    const outcomes = await Promise.allSettled(attempts);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'refused' } });
    }
    await expectNothingLeft();
    const refused = events.filter((e) => e.type === 'refused');
    expect(refused).toHaveLength(4);
    expect(events.some((e) => e.type === 'start')).toBe(false);
  });

  it('forgets a released offer', async () => {
    const { packetNo: no, file } = await offerTo(PEER, bigFile);
    expect(registry.release(no, PEER)).toBe(true);
    await expect(
      downloadFile({
        ...source(),
        packetNo: no,
        fileId: file.fileId,
        name: file.name,
        size: file.size,
        downloadDir: downloads,
      }),
    ).rejects.toMatchObject({ code: 'refused' });
  });

  it('cancelled by the receiver mid-way: no partial file, no open socket', async () => {
    const handlesBefore = tcpHandles();
    const { packetNo: no, file } = await offerTo(PEER, bigFile);
    const controller = new AbortController();
    let seen = 0;
    await expect(
      downloadFile({
        ...source(),
        packetNo: no,
        fileId: file.fileId,
        name: file.name,
        size: file.size,
        downloadDir: downloads,
        signal: controller.signal,
        onProgress: (bytes) => {
          seen = bytes;
          if (bytes > 2 * 1024 * 1024) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'aborted' });
    expect(seen).toBeLessThan(BIG);
    await expectNothingLeft();
    await settled(() => tcpHandles() <= handlesBefore, 'sockets to be released');
    const end = events.find((e) => e.type === 'end');
    expect(end?.type === 'end' && end.outcome).not.toBe('done');
  });

  it('cancelled by the sender mid-way: no partial file, no open socket', async () => {
    const handlesBefore = tcpHandles();
    const { packetNo: no, file } = await offerTo(PEER, bigFile);
    let cancelled = 0;
    const failure = await downloadFile({
      ...source(),
      packetNo: no,
      fileId: file.fileId,
      name: file.name,
      size: file.size,
      downloadDir: downloads,
      // The sender's user presses Cancel while bytes are flowing.
      onProgress: (bytes) => {
        if (bytes > 2 * 1024 * 1024 && !cancelled) cancelled = server.cancel({ packetNo: no });
      },
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TransferError);
    expect((failure as TransferError).code).toBe('short');
    expect(cancelled).toBe(1);
    await expectNothingLeft();
    await settled(() => tcpHandles() <= handlesBefore, 'sockets to be released');
    expect(events.find((e) => e.type === 'end')).toMatchObject({ outcome: 'cancelled' });
  });

  it('cancelled mid-folder on either side: no partial folder, no open socket', async () => {
    const { packetNo: no, file } = await offerTo(PEER, folder);
    const controller = new AbortController();
    const spec = {
      ...source(),
      packetNo: no,
      fileId: file.fileId,
      name: file.name,
      downloadDir: downloads,
    };
    await expect(
      downloadFolder({
        ...spec,
        signal: controller.signal,
        onProgress: (bytes) => {
          if (bytes > 100_000) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'aborted' });
    await expectNothingLeft();

    let cancelled = 0;
    const failure = await downloadFolder({
      ...spec,
      onProgress: (bytes) => {
        if (bytes > 100_000 && !cancelled) cancelled = server.cancel({ packetNo: no });
      },
    }).catch((e: unknown) => e);
    expect(cancelled).toBe(1);
    expect((failure as TransferError).code).toBe('short');
    await expectNothingLeft();
  });

  it('resumes a kept partial file from its length', async () => {
    const { packetNo: no, file } = await offerTo(PEER, bigFile);
    const spec = {
      ...source(),
      packetNo: no,
      fileId: file.fileId,
      name: file.name,
      size: file.size,
      downloadDir: downloads,
      keepPartialOnFailure: true,
    };
    let cancelled = 0;
    const failure = (await downloadFile({
      ...spec,
      onProgress: (bytes) => {
        if (bytes > 5 * 1024 * 1024 && !cancelled) cancelled = server.cancel({ packetNo: no });
      },
    }).catch((e: unknown) => e)) as TransferError;
    expect(failure).toBeInstanceOf(TransferError);
    expect(failure.partialPath).toBe(join(downloads, 'big.bin.pigeon-part'));
    expect(await readdir(downloads)).toEqual(['big.bin.pigeon-part']);

    const result = await downloadFile({ ...spec, resumeFrom: failure.partialPath, sha256: true });
    expect(result.resumedFrom).toBeGreaterThan(5 * 1024 * 1024);
    expect(result.resumedFrom).toBeLessThan(BIG);
    expect(result.bytes).toBe(BIG - result.resumedFrom);
    expect(result.sha256).toBe(await sha256(bigFile));
    expect(await sha256(result.path)).toBe(await sha256(bigFile));
    expect(await readdir(downloads)).toEqual(['big.bin']);
    const starts = events.filter((e) => e.type === 'start');
    expect(starts[1]).toMatchObject({ transfer: { offset: result.resumedFrom } });
  });
});
