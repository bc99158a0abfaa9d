import { describe, expect, it } from 'vitest';
import {
  decodePacket,
  encodePacket,
  headerByteLength,
  MAX_DATAGRAM_IN,
  Mode,
  Opt,
  protocolVersionOf,
  type DecodeResult,
  type Packet,
} from '../../../../src-main/core/ipmsg';
import {
  bytes,
  FEIQ_SENDMSG,
  FEIQ_VERSION,
  hex,
  IPMSG4_ENTRY,
  IPMSG4_ENTRY_COMMAND,
  IPMSG_HELLO,
  IPMSG_HELLO_PADDED,
  IPTUX_ANSENTRY,
  IPTUX_ENTRY_BROADCAST,
  IPTUX_ENTRY_DIALUP,
  IPTUX_RECVMSG,
} from './golden';

function decoded(result: DecodeResult): Packet {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${result.detail}`);
  return result.packet;
}

function failure(result: DecodeResult): { reason: string; detail: string } {
  if (result.ok) throw new Error('expected a failure');
  return result;
}

describe('decodePacket: golden packets', () => {
  it('reads the protocol example 1:100:shirouzu:jupiter:32:Hello', () => {
    const p = decoded(decodePacket(IPMSG_HELLO));
    expect(p).toEqual({
      version: '1',
      packetNo: 100,
      user: 'shirouzu',
      host: 'jupiter',
      command: 32,
      mode: Mode.SENDMSG,
      options: 0,
      extra: Buffer.from('Hello'),
    });
  });

  it.each([
    ['broadcast', IPTUX_ENTRY_BROADCAST, 1, 257, Mode.BR_ENTRY, Opt.ABSENCEOPT],
    ['dial-up', IPTUX_ENTRY_DIALUP, 2, 65793, Mode.BR_ENTRY, Opt.ABSENCEOPT | Opt.DIALUPOPT],
    ['answer', IPTUX_ANSENTRY, 4, 259, Mode.ANSENTRY, Opt.ABSENCEOPT],
  ])('reads the iptux %s entry', (_name, datagram, packetNo, command, mode, options) => {
    const p = decoded(decodePacket(datagram));
    expect(p.version).toBe('1_iptux 0.8.3');
    expect(p.packetNo).toBe(packetNo);
    expect([p.user, p.host]).toEqual(['root', 'vm']);
    expect([p.command, p.mode, p.options]).toEqual([command, mode, options]);
    expect(p.extra).toEqual(Buffer.from('IptuxNick\0IptuxGroup\0icon-tux.png\0utf-8\0'));
  });

  it("reads iptux's RECVMSG with SENDCHECKOPT", () => {
    const p = decoded(decodePacket(IPTUX_RECVMSG));
    expect(p.mode).toBe(Mode.RECVMSG);
    expect(p.options).toBe(Opt.SENDCHECKOPT);
    expect(p.extra).toEqual(Buffer.from('1700000123\0'));
  });

  it('keeps the 64 padding zeros of an IP Messenger retry in the extra', () => {
    const p = decoded(decodePacket(IPMSG_HELLO_PADDED));
    expect(p.packetNo).toBe(101);
    expect(p.extra.length).toBe('Hello\0'.length + 64);
  });

  it('reads an IP Messenger 4.x entry with CAPUTF8OPT', () => {
    const p = decoded(decodePacket(IPMSG4_ENTRY));
    expect(p.command).toBe(IPMSG4_ENTRY_COMMAND);
    expect(p.mode).toBe(Mode.BR_ENTRY);
    expect(p.options & Opt.CAPUTF8OPT).toBe(Opt.CAPUTF8OPT);
    expect(p.extra.includes(Buffer.from('\nNN:张三'))).toBe(true);
  });

  it('reads a FeiQ SENDMSG whose version field holds # fields', () => {
    const p = decoded(decodePacket(FEIQ_SENDMSG));
    expect(p.version).toBe(FEIQ_VERSION);
    expect([p.user, p.host, p.mode, p.options]).toEqual([
      'feiq',
      'PC-01',
      Mode.SENDMSG,
      Opt.SENDCHECKOPT,
    ]);
  });

  it('keeps ":" and NUL inside the extra', () => {
    const p = decoded(decodePacket(bytes('1:5:u:h:32:a:b\0c:d')));
    expect(p.extra.toString('latin1')).toBe('a:b\0c:d');
  });

  it('accepts an empty extra and an empty user and host', () => {
    const p = decoded(decodePacket(bytes('1:5:::2:')));
    expect([p.user, p.host, p.extra.length, p.mode]).toEqual(['', '', 0, Mode.BR_EXIT]);
  });

  it('decodes user and host as GBK when they are not UTF-8 and UTF8OPT is absent', () => {
    const datagram = bytes('1:5:', hex('d5c5c8fd'), ':pc:32:hi');
    expect(decoded(decodePacket(datagram)).user).toBe('张三');
    expect(decoded(decodePacket(datagram, { legacyEncoding: 'gbk' })).user).toBe('张三');
  });

  it('decodes user and host with the caller’s legacy encoding (CP932)', () => {
    const datagram = bytes('1:5:', hex('93fa967b8cea'), ':pc:32:hi');
    expect(decoded(decodePacket(datagram, { legacyEncoding: 'cp932' })).user).toBe('日本語');
  });

  it('decodes a FeiQ sender’s user as GBK even when the caller’s codepage is CP932', () => {
    const datagram = bytes(`${FEIQ_VERSION}:5:`, hex('d5c5c8fd'), ':pc:32:hi');
    expect(decoded(decodePacket(datagram, { legacyEncoding: 'cp932' })).user).toBe('张三');
  });

  it('decodes user and host as UTF-8 when valid, or when UTF8OPT says so', () => {
    expect(decoded(decodePacket(bytes('1:5:张三:pc:32:'))).user).toBe('张三');
    const flagged = bytes(`1:5:`, hex('d5c5c8fd'), `:pc:${Mode.SENDMSG | Opt.UTF8OPT}:`);
    // The flag wins even over bytes that are not UTF-8: they become U+FFFD, not GBK.
    expect(decoded(decodePacket(flagged)).user).not.toBe('张三');
  });

  it('reads commands with bit 31 set as positive numbers', () => {
    const command = 0x80000000 + 0x200000 + Mode.SENDMSG;
    const p = decoded(decodePacket(bytes(`1_iptux 0.8.3:9:u:h:${command}:x`)));
    expect(p.command).toBe(command);
    expect(p.options).toBe(0x80000000 + 0x200000);
  });

  it('accepts the largest uint32 packet number and leading zeros', () => {
    expect(decoded(decodePacket(bytes('1:4294967295:u:h:32:'))).packetNo).toBe(4294967295);
    expect(decoded(decodePacket(bytes('1:007:u:h:0032:'))).packetNo).toBe(7);
  });

  it('does not alias the input buffer', () => {
    const datagram = bytes('1:5:u:h:32:abc');
    const p = decoded(decodePacket(datagram));
    datagram.fill(0x41);
    expect(p.extra.toString()).toBe('abc');
  });

  it('exposes the protocol version number a peer wrote', () => {
    expect(protocolVersionOf(decoded(decodePacket(FEIQ_SENDMSG)).version)).toBe(1);
    expect(protocolVersionOf(decoded(decodePacket(IPTUX_RECVMSG)).version)).toBe(1);
    expect(protocolVersionOf(decoded(decodePacket(bytes('10:1:u:h:0:'))).version)).toBe(10);
    expect(protocolVersionOf('x')).toBeNaN();
  });
});

describe('decodePacket: refusals', () => {
  it.each([
    ['empty', ''],
    ['no separators', 'hello'],
    ['truncated after host', '1:100:shirouzu:jupiter'],
    ['truncated in command', '1:100:shirouzu:jupiter:32'],
    ['empty version', ':100:u:h:32:x'],
    ['version without a leading digit', 'IP2:100:u:h:32:x'],
    ['old iptux version', 'iptux 0.7.6:100:u:h:32:x'],
    ['space before the version digit', ' 1:100:u:h:32:x'],
    ['empty packet number', '1::u:h:32:x'],
    ['non-numeric packet number', '1:abc:u:h:32:x'],
    ['negative packet number', '1:-5:u:h:32:x'],
    ['signed packet number', '1:+5:u:h:32:x'],
    ['fractional packet number', '1:5.0:u:h:32:x'],
    ['spaced packet number', '1: 5:u:h:32:x'],
    ['packet number above uint32', '1:4294967296:u:h:32:x'],
    ['huge packet number', `1:${'9'.repeat(400)}:u:h:32:x`],
    ['empty command', '1:5:u:h::x'],
    ['hex command', '1:5:u:h:0x20:x'],
    ['negative command', '1:5:u:h:-32:x'],
    ['command above uint32', '1:5:u:h:4294967296:x'],
    ['command with trailing junk', '1:5:u:h:32abc:x'],
  ])('refuses %s as malformed', (_name, text) => {
    const result = failure(decodePacket(Buffer.from(text, 'latin1')));
    expect(result.reason).toBe('malformed');
    expect(result.detail.length).toBeGreaterThan(0);
    expect(result.detail.length).toBeLessThan(200);
  });

  it('refuses datagrams above 32768 bytes as oversized, and accepts 32768', () => {
    const header = '1:5:u:h:32:';
    const at = (n: number) => bytes(header, Buffer.alloc(n - header.length, 0x61));
    expect(decoded(decodePacket(at(MAX_DATAGRAM_IN))).extra.length).toBe(
      MAX_DATAGRAM_IN - header.length,
    );
    expect(failure(decodePacket(at(MAX_DATAGRAM_IN + 1))).reason).toBe('oversized');
  });

  it('refuses random garbage without separators', () => {
    expect(failure(decodePacket(hex('ffd8ffe000104a464946'))).reason).toBe('malformed');
  });

  it('never throws on values that are not buffers', () => {
    for (const value of [undefined, null, 42, 'text', {}, [1, 2, 3]]) {
      const result = decodePacket(value as unknown as Buffer);
      expect(result.ok).toBe(false);
    }
  });

  it('accepts a plain Uint8Array', () => {
    const p = decoded(decodePacket(new Uint8Array(IPMSG_HELLO) as Buffer));
    expect(p.extra.toString()).toBe('Hello');
  });
});

describe('encodePacket', () => {
  const base = { version: '1_pigeon 0.1.0', packetNo: 1700000000, user: 'alice', host: 'pc' };

  it('writes the six fields in order', () => {
    const out = encodePacket({ ...base, command: 0x120, extra: 'Hello\0' });
    expect(out.toString('latin1')).toBe('1_pigeon 0.1.0:1700000000:alice:pc:288:Hello\0');
  });

  it('round-trips through decodePacket', () => {
    const extra = Buffer.from([0x00, 0x3a, 0xff, 0x0a, 0x00]);
    const command = Mode.SENDMSG | Opt.SENDCHECKOPT | Opt.UTF8OPT;
    const p = decoded(decodePacket(encodePacket({ ...base, user: 'Zoë 张', command, extra })));
    expect(p).toEqual({
      ...base,
      user: 'Zoë 张',
      command,
      mode: Mode.SENDMSG,
      options: Opt.SENDCHECKOPT | Opt.UTF8OPT,
      extra,
    });
  });

  it("replaces ':' in user and host with ';' and drops NUL", () => {
    const out = encodePacket({ ...base, user: 'DOMAIN:bob', host: 'a:b\0c', command: 1 });
    const p = decoded(decodePacket(out));
    expect([p.user, p.host, p.command]).toEqual(['DOMAIN;bob', 'a;bc', 1]);
  });

  it('writes header fields in a legacy encoding when told', () => {
    const out = encodePacket({ ...base, user: '张三', command: 32, headerEncoding: 'gbk' });
    expect(out.includes(hex('d5c5c8fd'))).toBe(true);
    expect(decoded(decodePacket(out)).user).toBe('张三');
  });

  it('writes a string extra as UTF-8 and no extra as nothing', () => {
    expect(encodePacket({ ...base, command: 32, extra: '中' }).subarray(-3)).toEqual(hex('e4b8ad'));
    expect(encodePacket({ ...base, command: 2 }).toString()).toMatch(/:2:$/);
  });

  it('normalises commands that came out negative from bitwise OR', () => {
    const command = Opt.IPTUX_SHAREDOPT | Opt.FILEATTACHOPT | Mode.SENDMSG; // negative int32
    expect(command).toBeLessThan(0);
    const p = decoded(decodePacket(encodePacket({ ...base, command })));
    expect(p.command).toBe(0x80200020);
  });

  it('throws RangeError on a packet number or command that is not a uint32', () => {
    for (const packetNo of [-1, 1.5, Number.NaN, 2 ** 32]) {
      expect(() => encodePacket({ ...base, packetNo, command: 1 })).toThrow(RangeError);
    }
    expect(() => encodePacket({ ...base, command: 2 ** 32 })).toThrow(RangeError);
  });

  it('reports the header size for budgeting', () => {
    const p = { ...base, command: 288 };
    expect(headerByteLength(p)).toBe(encodePacket(p).length);
    expect(headerByteLength({ ...p, user: '张' })).toBe(headerByteLength(p) - 5 + 3);
  });
});
