// Pigeon's plain UDP channel against a bare recvfrom/sendto program (Python, as in
// socket tutorials) on 127.0.0.1: text goes both ways in UTF-8 and in GBK.
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PlainUdpChannel,
  PlainUdpPortError,
  type PlainUdpText,
} from '../../src-main/core/plain-contacts/plain-udp-channel';
import type { PlainEncoding } from '../../src-shared/contract';

const ECHO = fileURLToPath(new URL('../lab/fixtures/udp-echo.py', import.meta.url));

interface EchoEvent {
  event: 'ready' | 'received' | 'sent';
  address?: string;
  port?: number;
  from?: string;
  hex?: string;
  text?: string;
  id?: number;
}

interface EchoProgram {
  port: number;
  received: EchoEvent[];
  send(command: { address: string; port: number; text?: string; hex?: string }): Promise<void>;
  stop(): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until<T>(what: string, probe: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function startEcho(encoding: 'utf-8' | 'gbk', prefix = 'echo: '): Promise<EchoProgram> {
  const child: ChildProcess = spawn(
    'python3',
    [ECHO, '--bind', '127.0.0.1', '--port', '0', '--encoding', encoding, '--prefix', prefix],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const events: EchoEvent[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    events.push(JSON.parse(line) as EchoEvent);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  };
  cleanups.push(stop);
  const ready = await until('the echo program to bind', () =>
    events.find((e) => e.event === 'ready'),
  );
  let nextId = 1;
  return {
    port: ready.port ?? 0,
    received: events,
    async send(command) {
      const id = nextId++;
      child.stdin!.write(`${JSON.stringify({ op: 'send', id, ...command })}\n`);
      await until('the echo program to send', () =>
        events.find((e) => e.event === 'sent' && e.id === id),
      );
    },
    stop,
  };
}

async function openChannel(
  port: number,
  encoding: PlainEncoding,
  extra: { localPort?: number; maxDatagramBytes?: number } = {},
): Promise<{ channel: PlainUdpChannel; texts: PlainUdpText[] }> {
  const texts: PlainUdpText[] = [];
  const channel = new PlainUdpChannel({
    contact: { address: '127.0.0.1', port, encoding },
    onText: (t) => texts.push(t),
    ...extra,
  });
  await channel.open();
  cleanups.push(() => channel.close());
  return { channel, texts };
}

const receivedBy = (echo: EchoProgram): EchoEvent[] =>
  echo.received.filter((e) => e.event === 'received');

describe('plain UDP contact ↔ a bare socket program on 127.0.0.1', () => {
  it('UTF-8: Chinese and emoji arrive intact both ways', async () => {
    const echo = await startEcho('utf-8');
    const { channel, texts } = await openChannel(echo.port, 'utf8');
    const text = '你好，世界 🌏 hello';

    const result = await channel.send(text);
    expect(result).toEqual({ datagrams: 1, sent: 1, unrepresentable: 0 });
    const got = await until('the program to receive', () => receivedBy(echo)[0]);
    expect(got.text).toBe(text);
    expect(Buffer.from(got.hex ?? '', 'hex')).toEqual(Buffer.from(text, 'utf8'));
    expect(got.port).toBe(channel.local?.port);

    const reply = await until('the echo', () => texts[0]);
    expect(reply).toMatchObject({ text: `echo: ${text}`, address: '127.0.0.1', port: echo.port });

    // The program speaks first, too: its datagram shows as the contact's message.
    await echo.send({ address: '127.0.0.1', port: channel.local!.port, text: '收到，谢谢' });
    await until('the program text', () => texts.find((t) => t.text === '收到，谢谢'));
    expect(channel.stats()).toMatchObject({ datagramsIn: 2, datagramsOut: 1 });
  });

  it('GBK: Pigeon sends GBK bytes and reads the GBK reply', async () => {
    const echo = await startEcho('gbk');
    const { channel, texts } = await openChannel(echo.port, 'gbk');
    const text = '下午三点在三楼会议室开会，请准时参加。';

    await channel.send(text);
    const got = await until('the program to receive', () => receivedBy(echo)[0]);
    expect(Buffer.from(got.hex ?? '', 'hex')).toEqual(iconv.encode(text, 'gbk'));
    expect(got.text).toBe(text);
    const reply = await until('the echo', () => texts[0]);
    expect(reply.text).toBe(`echo: ${text}`);
    expect(reply.bytes).toBe(iconv.encode(`echo: ${text}`, 'gbk').length);

    await echo.send({ address: '127.0.0.1', port: channel.local!.port, text: '好的，马上到' });
    await until('the program text', () => texts.find((t) => t.text === '好的，马上到'));
  });

  it('GBK: characters GBK cannot hold go out as "?" and are counted', async () => {
    const echo = await startEcho('gbk', '');
    const { channel, texts } = await openChannel(echo.port, 'gbk');
    const result = await channel.send('OK 👍 好');
    expect(result).toMatchObject({ sent: 1, unrepresentable: 1 });
    await until('the echo', () => texts[0]);
    expect(texts[0]?.text).toBe('OK ? 好');
  });

  it('long text goes out as several datagrams of at most 8 KB, cut between characters', async () => {
    const echo = await startEcho('utf-8', '');
    const { channel, texts } = await openChannel(echo.port, 'utf8');
    const text = '一二三四五六七八九十'.repeat(1000) + ' 🎉';
    const result = await channel.send(text);
    expect(result.datagrams).toBeGreaterThanOrEqual(4);
    expect(result.sent).toBe(result.datagrams);
    const chunks = await until('all chunks', () => {
      const got = receivedBy(echo);
      return got.length === result.datagrams ? got : undefined;
    });
    for (const chunk of chunks) expect((chunk.hex ?? '').length / 2).toBeLessThanOrEqual(8192);
    // Each datagram decodes on its own (no character was cut), and together they are the text.
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    expect(chunks.every((c) => !(c.text ?? '').includes('\ufffd'))).toBe(true);
    await until('all echoes', () => (texts.length === result.datagrams ? true : undefined));
    expect(texts.map((t) => t.text).join('')).toBe(text);
  });

  it('uses the chosen local port, so the program can be told where to answer', async () => {
    const echo = await startEcho('utf-8');
    const free = await freePort();
    const { channel, texts } = await openChannel(echo.port, 'utf8', { localPort: free });
    expect(channel.local?.port).toBe(free);
    await channel.send('ping');
    expect((await until('received', () => receivedBy(echo)[0])).port).toBe(free);
    await until('echo', () => texts[0]);

    // A second contact on the same local port is refused with a message for the user.
    const second = new PlainUdpChannel({
      contact: { address: '127.0.0.1', port: echo.port, encoding: 'utf8' },
      localPort: free,
      onText: () => undefined,
    });
    const error = await second.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlainUdpPortError);
    expect((error as Error).message).toMatch(new RegExp(`port ${free} is already in use`));
  });

  it('ignores strangers, drops oversized datagrams, survives invalid bytes', async () => {
    const echo = await startEcho('utf-8');
    const { channel, texts } = await openChannel(echo.port, 'utf8');
    const local = channel.local!;

    const stranger = dgram.createSocket('udp4');
    cleanups.push(() => new Promise((r) => stranger.close(() => r())));
    await new Promise<void>((r) =>
      stranger.send('not from the contact', local.port, '127.0.0.1', () => r()),
    );

    await echo.send({ address: '127.0.0.1', port: local.port, hex: 'ff'.repeat(8193) });
    await echo.send({ address: '127.0.0.1', port: local.port, hex: 'e4bd' + 'ff' + 'c3' + '00' });
    await echo.send({ address: '127.0.0.1', port: local.port, text: 'after' });
    await until('the last datagram', () => texts.find((t) => t.text === 'after'));

    expect(texts.map((t) => t.text)).toEqual(['\ufffd\ufffd\ufffd', 'after']);
    expect(channel.stats().dropped).toMatchObject({ stranger: 1, oversized: 1 });
    expect(channel.stats().datagramsIn).toBe(2);
  });
});

describe('plain UDP options', () => {
  it('acceptFromAnyPort: replies from another socket of the same host are shown', async () => {
    // Like the tutorials' chat programs: one socket sends, another (other port) listens.
    const listener = await startEcho('utf-8');
    const texts: PlainUdpText[] = [];
    const channel = new PlainUdpChannel({
      contact: { address: '127.0.0.1', port: listener.port, encoding: 'utf8' },
      acceptFromAnyPort: true,
      onText: (t) => texts.push(t),
    });
    await channel.open();
    cleanups.push(() => channel.close());
    const sender = dgram.createSocket('udp4');
    cleanups.push(() => new Promise((r) => sender.close(() => r())));
    await new Promise<void>((r) =>
      sender.send('来自另一个端口', channel.local!.port, '127.0.0.1', () => r()),
    );
    const got = await until('the text from the other port', () => texts[0]);
    expect(got.text).toBe('来自另一个端口');
    expect(got.port).not.toBe(listener.port);
  });

  it('a flood from the contact is cut to the configured rate and counted', async () => {
    const echo = await startEcho('utf-8');
    const texts: PlainUdpText[] = [];
    const channel = new PlainUdpChannel({
      contact: { address: '127.0.0.1', port: echo.port, encoding: 'utf8' },
      maxPerSecond: 5,
      onText: (t) => texts.push(t),
    });
    await channel.open();
    cleanups.push(() => channel.close());
    // Written to the program in one go, so it sends them back to back.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        echo.send({ address: '127.0.0.1', port: channel.local!.port, text: `n${i}` }),
      ),
    );
    await until('all 40 to be handled', () => {
      const { datagramsIn, dropped } = channel.stats();
      return datagramsIn + dropped.rateLimited === 40 ? true : undefined;
    });
    // A burst of twice the rate passes, plus whatever refilled while the flood lasted.
    expect(texts.length).toBeGreaterThanOrEqual(10);
    expect(texts.length).toBeLessThan(30);
    expect(channel.stats().dropped.rateLimited).toBe(40 - texts.length);
    expect(texts[0]?.text).toBe('n0');
  });
});

async function freePort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  const { port } = socket.address();
  await new Promise<void>((r) => socket.close(() => r()));
  return port;
}
