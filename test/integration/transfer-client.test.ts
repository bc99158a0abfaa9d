// The file and folder clients against scripted peers on 127.0.0.36: what they send, and
// what they do with short, long, slow, corrupt or hostile replies.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  encodeDirHeader,
  encodeParentHeader,
  makeCommand,
  Mode,
  Opt,
} from '../../src-main/core/ipmsg';
import {
  downloadFile,
  downloadFolder,
  type RequesterIdentity,
  TransferError,
} from '../../src-main/core/transfer';

const PEER = '127.0.0.36';
const requester: RequesterIdentity = {
  version: '1_pigeon',
  user: 'me',
  host: 'box',
  nextPacketNo: () => 77,
};

type Script = (socket: net.Socket, request: string) => void;

let work: string;
let downloads: string;
let fake: net.Server;
let port: number;
let script: Script;
let requests: string[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pigeon-client-'));
  fake = net.createServer((socket) => {
    socket.once('data', (chunk: Buffer) => {
      requests.push(chunk.toString('latin1'));
      script(socket, chunk.toString('latin1'));
    });
    socket.on('error', () => undefined);
  });
  fake.listen(0, PEER);
  await once(fake, 'listening');
  port = (fake.address() as net.AddressInfo).port;
});

afterAll(async () => {
  fake.close();
  await rm(work, { recursive: true, force: true });
});

beforeEach(async () => {
  requests = [];
  downloads = await mkdtemp(join(work, 'dl-'));
});

afterEach(async () => {
  await rm(downloads, { recursive: true, force: true });
});

const file = (extra: Partial<Parameters<typeof downloadFile>[0]> = {}) =>
  downloadFile({
    host: PEER,
    port,
    requester,
    packetNo: 0x1234,
    fileId: 0xab,
    name: 'data.bin',
    size: 10,
    downloadDir: downloads,
    idleTimeoutMs: 2000,
    ...extra,
  });

const folder = (extra: Partial<Parameters<typeof downloadFolder>[0]> = {}) =>
  downloadFolder({
    host: PEER,
    port,
    requester,
    packetNo: 0x1234,
    fileId: 0xac,
    name: 'incoming',
    downloadDir: downloads,
    idleTimeoutMs: 2000,
    ...extra,
  });

describe('downloadFile', () => {
  it('sends a GETFILEDATA request as IP Messenger does and writes exactly the size', async () => {
    script = (s) => s.end('0123456789EXTRA'); // a peer that sends too much
    const result = await file({ utf8: true, mtime: 1_600_000_000 });
    expect(requests).toEqual([
      `1_pigeon:77:me:box:${makeCommand(Mode.GETFILEDATA, Opt.UTF8OPT)}:1234:ab:0:`,
    ]);
    expect(await readFile(result.path, 'utf8')).toBe('0123456789');
    expect(result.path).toBe(join(downloads, 'data.bin'));
  });

  it('sanitises the offered name', async () => {
    script = (s) => s.end('0123456789');
    const result = await file({ name: '../../../etc/passwd' });
    expect(result.path).toBe(join(downloads, 'passwd'));
  });

  it('reports a short transfer and removes the partial file, or keeps it when asked', async () => {
    script = (s) => s.end('01234');
    await expect(file()).rejects.toMatchObject({ code: 'short' });
    expect(await readdir(downloads)).toEqual([]);
    const kept = (await file({ keepPartialOnFailure: true }).catch(
      (e: unknown) => e,
    )) as TransferError;
    expect(kept.partialPath).toBe(join(downloads, 'data.bin.pigeon-part'));
    expect(await readFile(kept.partialPath as string, 'utf8')).toBe('01234');
  });

  it('keeps no empty partial file, even when asked to keep one', async () => {
    script = (s) => s.destroy(); // a peer that hangs up at once
    const failure = (await file({ keepPartialOnFailure: true }).catch(
      (e: unknown) => e,
    )) as TransferError;
    expect(failure.code).toBe('refused');
    expect(failure.partialPath).toBeUndefined();
    expect(await readdir(downloads)).toEqual([]);
  });

  it('resumes from a partial file: asks for the offset and hashes the whole file', async () => {
    await writeFile(join(downloads, 'data.bin.pigeon-part'), '01234');
    script = (s, request) => s.end(request.endsWith(':5:') ? '56789' : 'wrong!!!!!');
    const expected = createHash('sha256').update('0123456789').digest('hex');
    const result = await file({
      resumeFrom: join(downloads, 'data.bin.pigeon-part'),
      expectedSha256: expected,
    });
    expect(result).toMatchObject({ resumedFrom: 5, bytes: 5, sha256: expected });
    expect(await readFile(result.path, 'utf8')).toBe('0123456789');
    expect(await readdir(downloads)).toEqual(['data.bin']);
  });

  it('finishes a partial file that is already complete without connecting', async () => {
    await writeFile(join(downloads, 'data.bin.pigeon-part'), '0123456789');
    const result = await file({ resumeFrom: join(downloads, 'data.bin.pigeon-part') });
    expect(requests).toEqual([]);
    expect(await readFile(result.path, 'utf8')).toBe('0123456789');
  });

  it('refuses to resume from a file outside the download folder', async () => {
    await expect(file({ resumeFrom: join(work, 'x.pigeon-part') })).rejects.toMatchObject({
      code: 'io',
    });
    await expect(file({ resumeFrom: join(downloads, 'notes.txt') })).rejects.toMatchObject({
      code: 'io',
    });
  });

  it('removes the file when the SHA-256 differs', async () => {
    script = (s) => s.end('0123456789');
    await expect(file({ expectedSha256: 'ab'.repeat(32) })).rejects.toMatchObject({
      code: 'checksum',
    });
    expect(await readdir(downloads)).toEqual([]);
  });

  it('gives up on a silent peer, and on a closed port', async () => {
    script = () => undefined;
    await expect(file({ idleTimeoutMs: 200 })).rejects.toMatchObject({ code: 'timeout' });
    await expect(file({ port: 1 })).rejects.toMatchObject({ code: 'connect' });
    expect(await readdir(downloads)).toEqual([]);
  });

  it('does nothing when already cancelled, and cancels a waiting transfer', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(file({ signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' });
    script = (s) => s.write('012');
    const later = new AbortController();
    setTimeout(() => later.abort(), 100);
    await expect(file({ signal: later.signal })).rejects.toMatchObject({ code: 'aborted' });
    expect(await readdir(downloads)).toEqual([]);
  });
});

const names = { encoding: 'utf8', escapeColons: true } as const;
const dirHeader = (name: string) => encodeDirHeader({ name, size: 0, attr: 2 }, names);
const fileHeader = (name: string, size: number) => encodeDirHeader({ name, size, attr: 1 }, names);
const up = encodeParentHeader(names);

async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

describe('downloadFolder', () => {
  it('sends GETDIRFILES and recreates the tree under the offered name', async () => {
    script = (s) =>
      s.end(
        Buffer.concat([
          dirHeader('whatever-the-peer-calls-it'),
          fileHeader('a.txt', 3),
          Buffer.from('abc'),
          dirHeader('sub'),
          fileHeader('empty', 0),
          up,
          up,
        ]),
      );
    const result = await folder({ utf8: true });
    expect(requests).toEqual([
      `1_pigeon:77:me:box:${makeCommand(Mode.GETDIRFILES, Opt.UTF8OPT)}:1234:ac:`,
    ]);
    expect(result).toMatchObject({
      path: join(downloads, 'incoming'),
      files: 2,
      folders: 2,
      bytes: 3,
    });
    expect(await listTree(downloads)).toEqual([
      'incoming',
      'incoming/a.txt',
      'incoming/sub',
      'incoming/sub/empty',
    ]);
  });

  it('keeps hostile names inside the folder and never overwrites', async () => {
    const hostile = [
      '../escape.txt',
      '/etc/passwd',
      'C:\\x\\y.txt',
      'CON',
      '..',
      'a/b',
      'dup',
      'dup',
    ];
    script = (s) =>
      s.end(
        Buffer.concat([
          dirHeader('root'),
          ...hostile.flatMap((n) => [fileHeader(n, 1), Buffer.from('x')]),
          dirHeader('../../up'),
          fileHeader('inside', 1),
          Buffer.from('y'),
          up,
          dirHeader('..'),
          up,
          up,
        ]),
      );
    const result = await folder();
    expect(await readdir(work)).not.toContain('escape.txt');
    expect(await listTree(result.path)).toEqual(
      [
        'escape.txt',
        'passwd',
        'y.txt',
        '_CON',
        'unnamed',
        'b',
        'dup',
        'dup (1)',
        'up',
        'up/inside',
        'unnamed (1)',
      ].sort(),
    );
  });

  it('reports an unreadable stream and removes what was written', async () => {
    script = (s) =>
      s.end(
        Buffer.concat([
          dirHeader('root'),
          fileHeader('a', 1),
          Buffer.from('x'),
          Buffer.from('zzzz:garbage'),
        ]),
      );
    await expect(folder()).rejects.toMatchObject({ code: 'protocol' });
    expect(await readdir(downloads)).toEqual([]);
  });

  it('reports a stream that ends early, or a peer that sends nothing', async () => {
    script = (s) =>
      s.end(Buffer.concat([dirHeader('root'), fileHeader('a', 5), Buffer.from('xy')]));
    await expect(folder()).rejects.toMatchObject({ code: 'short' });
    script = (s) => s.end();
    await expect(folder()).rejects.toMatchObject({ code: 'refused' });
    expect(await readdir(downloads)).toEqual([]);
  });

  it('never replaces an existing folder of the same name', async () => {
    await mkdir(join(downloads, 'incoming'));
    await writeFile(join(downloads, 'incoming', 'mine.txt'), 'keep');
    script = (s) =>
      s.end(Buffer.concat([dirHeader('x'), fileHeader('new.txt', 1), Buffer.from('n'), up]));
    const result = await folder();
    expect(result.path).toBe(join(downloads, 'incoming (1)'));
    expect(await readFile(join(downloads, 'incoming', 'mine.txt'), 'utf8')).toBe('keep');
    expect(await listTree(downloads)).toEqual([
      'incoming',
      'incoming (1)',
      'incoming (1)/new.txt',
      'incoming/mine.txt',
    ]);
  });
});
