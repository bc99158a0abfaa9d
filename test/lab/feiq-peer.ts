// A scripted FeiQ (飞秋) stand-in on a lab host, for tests that need a FeiQ peer and
// cannot run the real one (Windows only). It behaves as the public reverse-engineering
// describes FeiQ (docs: shared/reference/ipmsg-interop.md §1, §3, §4, §8):
// - version `1_lbt6_0#128#<12-hex MAC>#0#0#0#4001#9`, entries in GBK (`nick\0group\0`);
// - answers BR_ENTRY with ANSENTRY, acknowledges SENDMSG (+SENDCHECKOPT) with RECVMSG;
// - sends GBK text with the `{/font;…}` suffix, and typing commands 0x79 / 0x7A.
// It does no encryption: its entries carry FILEATTACHOPT but not ENCRYPTOPT unless told.
import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import type { Lan } from './lan';
import { hasExited, waitUntil } from './proc';

const FIXTURE = fileURLToPath(new URL('./fixtures/feiq-peer.mjs', import.meta.url));

export const FeiqCommand = {
  BR_ENTRY: 0x01,
  BR_EXIT: 0x02,
  ANSENTRY: 0x03,
  BR_ABSENCE: 0x04,
  SENDMSG: 0x20,
  RECVMSG: 0x21,
  TYPING: 0x79,
  TYPING_STOPPED: 0x7a,
  SENDCHECKOPT: 0x100,
  FILEATTACHOPT: 0x200000,
  ENCRYPTOPT: 0x400000,
} as const;

/** The font block FeiQ appends to every message (微软雅黑, colour 8404992). */
export const FEIQ_FONT_SUFFIX = '{/font;-16 0 0 0 400 0 0 0 134 0 0 2 32 微软雅黑 8404992;}';

export const feiqVersion = (mac: string): string => `1_lbt6_0#128#${mac}#0#0#0#4001#9`;

export const gbk = (text: string): Buffer => iconv.encode(text, 'gbk');

export interface FeiqPeerOptions {
  /** Shown to peers (default '飞秋用户'); sent in GBK. */
  nick?: string;
  /** Group (default '财务部'); sent in GBK. */
  group?: string;
  /** Login and machine name in the header (default 'feiq' / 'FEIQ-PC'); sent in GBK. */
  user?: string;
  host?: string;
  /** 12 hex digits (default 00E04C6A7B8C). */
  mac?: string;
  /** Option bits of its entries (default FILEATTACHOPT; FeiQ also sets ENCRYPTOPT). */
  entryOptions?: number;
  /** UDP port (default 2425). */
  port?: number;
}

/** One datagram, with its IPMsg fields read as FeiQ would (GBK). */
export interface FeiqDatagram {
  address: string;
  port: number;
  /** The bytes exactly as they travelled. */
  data: Buffer;
  /** Header fields, or undefined if it is not an IPMsg packet. */
  packet?: {
    version: string;
    packetNo: number;
    user: string;
    host: string;
    command: number;
    mode: number;
    /** Everything after the fifth ':', raw. */
    extra: Buffer;
  };
  /** The extra's NUL-separated fields, GBK-decoded (a message's text is the first). */
  fields: string[];
  /** fields[0]: the message text or the nickname. */
  text: string;
  /** Packet number the stand-in used (sent datagrams only). */
  packetNo?: number;
  at: number;
}

export interface FeiqPeer {
  readonly host: string;
  readonly address: string;
  readonly port: number;
  readonly version: string;
  readonly nick: string;
  readonly group: string;
  readonly child: ChildProcess;
  /** What it received, oldest first (its own broadcasts included). */
  readonly received: readonly FeiqDatagram[];
  /** What it sent, its automatic answers included. */
  readonly sent: readonly FeiqDatagram[];
  /** BR_ENTRY (default) or BR_ABSENCE / BR_EXIT with its GBK entry, to each address. */
  announce(to: readonly string[], mode?: number, port?: number): Promise<void>;
  /**
   * SENDMSG|SENDCHECKOPT with GBK text; the font suffix is added unless `font: false`.
   * Resolves with the packet number.
   */
  sendMessage(to: string, text: string, opts?: { font?: boolean; port?: number }): Promise<number>;
  /** FeiQ's typing indicator: 0x79 (typing) or 0x7A (stopped), empty extra. */
  sendTyping(to: string, typing: boolean, port?: number): Promise<number>;
  /** Any packet; extra strings are GBK-encoded. Resolves with the packet number. */
  sendPacket(to: string, command: number, extra?: Buffer | string, port?: number): Promise<number>;
  /** The first received datagram (already here or arriving) that matches. */
  waitFor(match: (d: FeiqDatagram) => boolean, timeoutMs?: number): Promise<FeiqDatagram>;
  stop(): Promise<void>;
}

/** Splits a datagram into its IPMsg fields, reading text as GBK. */
export function readFeiqDatagram(
  address: string,
  port: number,
  data: Buffer,
  at = Date.now(),
): FeiqDatagram {
  const cuts: number[] = [];
  for (let i = 0; i < data.length && cuts.length < 5; i++) if (data[i] === 0x3a) cuts.push(i);
  const base = { address, port, data, at, fields: [] as string[], text: '' };
  if (cuts.length < 5) return base;
  const part = (from: number, to: number): Buffer => data.subarray(from, to);
  const [c0, c1, c2, c3, c4] = cuts as [number, number, number, number, number];
  const commandText = part(c3 + 1, c4).toString('latin1');
  if (!/^\d+$/.test(commandText)) return base;
  const command = Number(commandText);
  const extra = data.subarray(c4 + 1);
  const fields = splitNul(extra).map((f) => iconv.decode(f, 'gb18030'));
  return {
    ...base,
    packet: {
      version: part(0, c0).toString('latin1'),
      packetNo: Number(part(c0 + 1, c1).toString('latin1')),
      user: iconv.decode(part(c1 + 1, c2), 'gb18030'),
      host: iconv.decode(part(c2 + 1, c3), 'gb18030'),
      command,
      mode: command & 0xff,
      extra,
    },
    fields,
    text: fields[0] ?? '',
  };
}

function splitNul(bytes: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let at = bytes.indexOf(0); at >= 0; at = bytes.indexOf(0, start)) {
    parts.push(bytes.subarray(start, at));
    start = at + 1;
  }
  if (start < bytes.length) parts.push(bytes.subarray(start));
  return parts;
}

interface FixtureEvent {
  event: 'ready' | 'message' | 'sent' | 'error';
  id?: number;
  packetNo?: number;
  address?: string;
  from?: string;
  port?: number;
  data?: string;
  message?: string;
}

/** Starts the stand-in on `host`; resolves once its socket is bound. It does not announce. */
export async function startFeiqPeer(
  lan: Lan,
  host: string,
  opts: FeiqPeerOptions = {},
): Promise<FeiqPeer> {
  const nick = opts.nick ?? '飞秋用户';
  const group = opts.group ?? '财务部';
  const mac = opts.mac ?? '00E04C6A7B8C';
  const version = feiqVersion(mac);
  const entryOptions = opts.entryOptions ?? FeiqCommand.FILEATTACHOPT;
  const entryExtra = Buffer.concat([gbk(nick), Buffer.from([0]), gbk(group), Buffer.from([0])]);
  const config = {
    bind: '0.0.0.0',
    port: opts.port ?? 2425,
    version,
    user: gbk(opts.user ?? 'feiq').toString('base64'),
    host: gbk(opts.host ?? 'FEIQ-PC').toString('base64'),
    entryOptions,
    entryExtra: entryExtra.toString('base64'),
  };
  const child = lan.spawnOn(host, process.execPath, [FIXTURE, JSON.stringify(config)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const received: FeiqDatagram[] = [];
  const sent: FeiqDatagram[] = [];
  const pending = new Map<number, { resolve: (n: number) => void; reject: (e: Error) => void }>();
  let ready: { port: number } | undefined;
  let failure: string | undefined;
  let nextId = 1;

  if (!child.stdout) throw new Error('feiq stand-in has no stdout');
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    let event: FixtureEvent;
    try {
      event = JSON.parse(line) as FixtureEvent;
    } catch {
      return;
    }
    const data = Buffer.from(event.data ?? '', 'base64');
    if (event.event === 'ready') ready = { port: event.port ?? 0 };
    if (event.event === 'message') {
      received.push(readFeiqDatagram(event.from ?? '', event.port ?? 0, data));
    }
    if (event.event === 'sent') {
      sent.push({
        ...readFeiqDatagram(event.address ?? '', event.port ?? 0, data),
        packetNo: event.packetNo,
      });
    }
    const waiter = event.id === undefined ? undefined : pending.get(event.id);
    if (waiter && event.id !== undefined) {
      pending.delete(event.id);
      if (event.event === 'sent') waiter.resolve(event.packetNo ?? 0);
      else waiter.reject(new Error(`feiq stand-in on ${host}: ${event.message ?? 'failed'}`));
    } else if (event.event === 'error') {
      failure = event.message ?? 'error';
    }
  });
  child.once('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error(`feiq stand-in exited`));
    pending.clear();
  });

  const bound = await waitUntil(
    `feiq stand-in on ${host} to bind`,
    () => {
      if (failure !== undefined || hasExited(child)) {
        throw new Error(`feiq stand-in on ${host} failed: ${failure ?? lan.outputOf(child)}`);
      }
      return ready;
    },
    10_000,
    20,
  );

  const sendPacket = (
    to: string,
    command: number,
    extra: Buffer | string = '',
    port = 2425,
  ): Promise<number> => {
    const id = nextId++;
    const bytes = typeof extra === 'string' ? gbk(extra) : extra;
    return new Promise<number>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.stdin?.write(
        `${JSON.stringify({ op: 'packet', id, address: to, port, command, extra: bytes.toString('base64') })}\n`,
      );
    });
  };

  return {
    host,
    address: lan.host(host).address,
    port: bound.port,
    version,
    nick,
    group,
    child,
    received,
    sent,
    async announce(to, mode = FeiqCommand.BR_ENTRY, port = 2425) {
      for (const address of to) await sendPacket(address, entryOptions | mode, entryExtra, port);
    },
    sendMessage(to, text, opts = {}) {
      const body = opts.font === false ? text : text + FEIQ_FONT_SUFFIX;
      const extra = Buffer.concat([gbk(body), Buffer.from([0])]);
      return sendPacket(
        to,
        FeiqCommand.SENDMSG | FeiqCommand.SENDCHECKOPT,
        extra,
        opts.port ?? 2425,
      );
    },
    sendTyping(to, typing, port = 2425) {
      return sendPacket(
        to,
        typing ? FeiqCommand.TYPING : FeiqCommand.TYPING_STOPPED,
        Buffer.alloc(0),
        port,
      );
    },
    sendPacket,
    waitFor(match, timeoutMs = 5000) {
      return waitUntil(
        `a matching datagram at the feiq stand-in on ${host}`,
        () => received.find(match),
        timeoutMs,
        20,
      );
    },
    async stop() {
      child.stdin?.end();
      await lan.stop(child, { graceMs: 2000 });
    },
  };
}
