// The file server against raw sockets: requests as IP Messenger and iptux write them,
// split or malformed, and connections that misbehave. Server on 127.0.0.34:2432.
import { once } from 'node:events';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCommand, Mode, Opt } from '../../src-main/core/ipmsg';
import {
  describeForOffer,
  FileServer,
  FileServerPortError,
  OfferRegistry,
  type FileServerEvent,
  type FileServerOptions,
} from '../../src-main/core/transfer';

const PORT = 2432;
const SERVER = '127.0.0.34';
const PEER = '127.0.0.35';
const GET = makeCommand(Mode.GETFILEDATA);
const GETDIR = makeCommand(Mode.GETDIRFILES);

let work: string;
let small: string;
let huge: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pigeon-server-'));
  small = join(work, 'small.txt');
  await writeFile(small, '0123456789abcdef');
  huge = join(work, 'huge.bin');
  await writeFile(huge, '');
  await truncate(huge, 64 * 1024 * 1024); // sparse: larger than any socket buffer
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

interface Reply {
  bytes: Buffer;
  /** How the connection ended: 'end' (FIN) or an error code. */
  ended: string;
}

/** Connects from PEER, writes the given pieces (with pauses), and collects the reply. */
async function ask(pieces: (string | Buffer)[], pauseMs = 0, from = PEER): Promise<Reply> {
  const socket = net.connect({ host: SERVER, port: PORT, localAddress: from });
  await once(socket, 'connect');
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<string>((resolve) => {
    socket.once('end', () => resolve('end'));
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });
  for (const piece of pieces) {
    socket.write(piece);
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
  }
  const ended = await done;
  socket.destroy();
  return { bytes: Buffer.concat(chunks), ended };
}

describe('FileServer', () => {
  let registry: OfferRegistry;
  let server: FileServer;
  let events: FileServerEvent[];
  let fileId: number;
  const packetNo = 0x6553f1a0;

  async function startServer(extra: Partial<FileServerOptions> = {}) {
    server = new FileServer({
      registry,
      port: PORT,
      bindAddress: SERVER,
      onEvent: (e) => events.push(e),
      ...extra,
    });
    await server.start();
  }

  beforeEach(async () => {
    registry = new OfferRegistry();
    events = [];
    fileId = registry.offer(packetNo, PEER, [await describeForOffer(small)]).files[0]!.fileId;
  });

  afterEach(async () => {
    await server.close();
  });

  const hex = (n: number) => n.toString(16);
  async function until(condition: () => boolean, limitMs = 5000): Promise<void> {
    const started = Date.now();
    while (!condition() && Date.now() - started < limitMs) {
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it("serves IP Messenger's request and ends the connection", async () => {
    await startServer();
    const reply = await ask([`1:99:u:h:${GET}:${hex(packetNo)}:${hex(fileId)}:0:`]);
    expect(reply).toEqual({ bytes: Buffer.from('0123456789abcdef'), ended: 'end' });
    await until(() => events.some((e) => e.type === 'end'));
    expect(events.map((e) => e.type)).toEqual(['start', 'progress', 'end']);
  });

  it('calls a file sent only once the receiver has closed, and waits no longer than its limit', async () => {
    await startServer({ closeWaitMs: 1500 });
    const request = `1:99:u:h:${GET}:${hex(packetNo)}:${hex(fileId)}:0:`;
    // A receiver that has every byte but hangs up 400 ms later.
    const slow = net.connect({ host: SERVER, port: PORT, localAddress: PEER, allowHalfOpen: true });
    await once(slow, 'connect');
    slow.write(request);
    slow.resume();
    await once(slow, 'end');
    await new Promise((r) => setTimeout(r, 400));
    expect(events.some((e) => e.type === 'end')).toBe(false);
    slow.end();
    await until(() => events.some((e) => e.type === 'end'));
    expect(events.at(-1)).toMatchObject({ type: 'end', outcome: 'done', bytes: 16 });

    // A receiver that never hangs up: done after the limit, and the connection is dropped.
    events = [];
    const stuck = net.connect({
      host: SERVER,
      port: PORT,
      localAddress: PEER,
      allowHalfOpen: true,
    });
    await once(stuck, 'connect');
    const started = Date.now();
    stuck.write(request);
    stuck.resume();
    await until(() => events.some((e) => e.type === 'end'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(events.at(-1)).toMatchObject({ type: 'end', outcome: 'done', bytes: 16 });
    expect(await server.getConnections()).toBe(0);
    stuck.destroy();
  });

  it("serves iptux's NUL-terminated request, and one with no terminator after a pause", async () => {
    await startServer();
    const iptux = makeCommand(Mode.GETFILEDATA, Opt.FILEATTACHOPT);
    const a = await ask([`1_iptux 0.8.3:3:root:vm:${iptux}:${hex(packetNo)}:${hex(fileId)}:4\0`]);
    expect(a.bytes.toString()).toBe('456789abcdef');
    const b = await ask([`1:99:u:h:${GET}:${hex(packetNo)}:${hex(fileId)}:a`]);
    expect(b.bytes.toString()).toBe('abcdef');
  });

  it('waits for a request that arrives in pieces', async () => {
    await startServer();
    const text = `1:99:u:h:${GET}:${hex(packetNo)}:${hex(fileId)}:2:`;
    const reply = await ask(
      [...text].map((c) => c),
      2,
    );
    expect(reply.bytes.toString()).toBe('23456789abcdef');
  });

  it('sends nothing for a request at the very end, and refuses one beyond it', async () => {
    await startServer();
    const atEnd = await ask([`1:9:u:h:${GET}:${hex(packetNo)}:${hex(fileId)}:10:`]);
    expect(atEnd).toEqual({ bytes: Buffer.alloc(0), ended: 'end' });
    const beyond = await ask([`1:9:u:h:${GET}:${hex(packetNo)}:${hex(fileId)}:11:`]);
    expect(beyond.bytes.length).toBe(0);
    expect(events.filter((e) => e.type === 'refused')).toMatchObject([
      { reason: 'offset beyond the end' },
    ]);
  });

  const refusals: [string, string[]][] = [
    ['garbage', ['hello there, server:::::\n']],
    ['another command', [`1:9:u:h:${makeCommand(Mode.SENDMSG)}:hello\0`]],
    ['an encrypted request', [`1:9:u:h:${makeCommand(Mode.GETFILEDATA, Opt.ENCFILEOPT)}:1:2:0:\0`]],
    ['a file asked for as a folder', [`1:9:u:h:${GETDIR}:${hex(packetNo)}:FILEID:`]],
    ['a request that is too large', [`1:9:u:h:${GET}:${'0'.repeat(5000)}`]],
  ];
  for (const [what, pieces] of refusals) {
    it(`closes without a byte on ${what}`, async () => {
      await startServer();
      const reply = await ask(pieces.map((p) => p.replace('FILEID', hex(fileId))));
      expect(reply.bytes.length).toBe(0);
      expect(events.map((e) => e.type)).toEqual(['refused']);
    });
  }

  it('drops a connection that sends no request in time', async () => {
    await startServer({ requestTimeoutMs: 100 });
    const reply = await ask([]);
    expect(reply.bytes.length).toBe(0);
    expect(events).toMatchObject([{ type: 'refused', reason: 'no request in time' }]);
  });

  it('limits connections per peer', async () => {
    await startServer({ maxConnectionsPerPeer: 2, requestTimeoutMs: 2000 });
    const sockets = await Promise.all(
      [0, 1].map(async () => {
        const s = net.connect({ host: SERVER, port: PORT, localAddress: PEER });
        await once(s, 'connect');
        return s;
      }),
    );
    const third = await ask([`1:9:u:h:${GET}:${hex(packetNo)}:${hex(fileId)}:0:`]);
    expect(third.bytes.length).toBe(0);
    expect(events).toMatchObject([
      { type: 'refused', reason: 'too many connections from this peer' },
    ]);
    for (const s of sockets) s.destroy();
  });

  it('drops a peer that stops reading', async () => {
    fileId = registry.offer(packetNo + 1, PEER, [await describeForOffer(huge)]).files[0]!.fileId;
    await startServer({ idleTimeoutMs: 300 });
    const socket = net.connect({ host: SERVER, port: PORT, localAddress: PEER });
    await once(socket, 'connect');
    socket.write(`1:9:u:h:${GET}:${hex(packetNo + 1)}:${hex(fileId)}:0:`);
    socket.pause(); // never read
    const started = Date.now();
    while (!events.some((e) => e.type === 'end') && Date.now() - started < 5000) {
      await new Promise((r) => setTimeout(r, 20));
    }
    socket.destroy();
    expect(events.find((e) => e.type === 'end')).toMatchObject({
      outcome: 'failed',
      reason: 'the peer stopped reading',
    });
    expect(await server.getConnections()).toBe(0);
  });

  it('drops every connection on close', async () => {
    await startServer({ requestTimeoutMs: 10_000 });
    const socket = net.connect({ host: SERVER, port: PORT, localAddress: PEER });
    await once(socket, 'connect');
    const closed = once(socket, 'close');
    await server.close();
    await closed;
    expect(server.address()).toBeUndefined();
  });

  it('reports a port in use', async () => {
    await startServer();
    const second = new FileServer({ registry, port: PORT, bindAddress: SERVER });
    await expect(second.start()).rejects.toBeInstanceOf(FileServerPortError);
    await expect(second.start()).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
