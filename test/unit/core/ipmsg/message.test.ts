import { describe, expect, it } from 'vitest';
import {
  ackExtra,
  buildMessageExtra,
  chooseOutgoingEncoding,
  decodePacket,
  encodePacket,
  makeCommand,
  Mode,
  Opt,
  parseAckExtra,
  parseMessageExtra,
  pigeonVersionString,
  type Packet,
} from '../../../../src-main/core/ipmsg';
import {
  bytes,
  FEIQ_SENDMSG,
  FEIQ_VERSION,
  hex,
  IPMSG_HELLO,
  IPMSG_HELLO_PADDED,
  IPTUX_RECVMSG,
} from './golden';

function packet(datagram: Buffer): Packet {
  const result = decodePacket(datagram);
  if (!result.ok) throw new Error(result.detail);
  return result.packet;
}

describe('parseMessageExtra', () => {
  it('reads the protocol example', () => {
    const p = packet(IPMSG_HELLO);
    expect(parseMessageExtra(p.extra, p.command, 'gb18030')).toEqual({ text: 'Hello' });
  });

  it('stops at the first NUL, so the 64 padding zeros vanish', () => {
    const p = packet(IPMSG_HELLO_PADDED);
    expect(parseMessageExtra(p.extra, p.command, 'gb18030')).toEqual({ text: 'Hello' });
  });

  it('reads FeiQ: GBK, CRLF turned into LF, the font suffix removed', () => {
    const p = packet(FEIQ_SENDMSG);
    expect(parseMessageExtra(p.extra, p.command, 'gb18030')).toEqual({
      text: '你好，世界\n第二行',
    });
  });

  it('keeps braces that are not a trailing font block', () => {
    const extra = bytes('use {/font;x} wisely\0');
    expect(parseMessageExtra(extra, Mode.SENDMSG, 'gbk').text).toBe('use {/font;x} wisely');
  });

  it('turns lone CR into LF', () => {
    expect(parseMessageExtra(bytes('a\rb\r\nc'), Mode.SENDMSG, 'gbk').text).toBe('a\nb\nc');
  });

  it('honours UTF8OPT and otherwise accepts valid UTF-8 before the legacy codepage', () => {
    const utf8 = bytes('日本語\0');
    expect(parseMessageExtra(utf8, Mode.SENDMSG, 'cp932').text).toBe('日本語');
    expect(parseMessageExtra(utf8, Mode.SENDMSG | Opt.UTF8OPT, 'cp932').text).toBe('日本語');
    const sjis = bytes(hex('93fa967b8cea'), [0]);
    expect(parseMessageExtra(sjis, Mode.SENDMSG, 'cp932').text).toBe('日本語');
  });

  it('returns the bytes after the NUL as attachments only with FILEATTACHOPT', () => {
    const list = '1:report.pdf:1a2b:5f5e1000:1:\u0007';
    const extra = bytes('see attached\0', list, [0, 0, 0]);
    expect(parseMessageExtra(extra, Mode.SENDMSG | Opt.FILEATTACHOPT, 'gbk')).toEqual({
      text: 'see attached',
      attachments: Buffer.from(list),
    });
    expect(parseMessageExtra(extra, Mode.SENDMSG, 'gbk')).toEqual({ text: 'see attached' });
  });

  it('handles a file offer without text and without a NUL', () => {
    const command = Mode.SENDMSG | Opt.FILEATTACHOPT;
    expect(parseMessageExtra(bytes('\0', '2:a.txt:1:0:1:'), command, 'gbk')).toEqual({
      text: '',
      attachments: Buffer.from('2:a.txt:1:0:1:'),
    });
    expect(parseMessageExtra(bytes('no nul'), command, 'gbk')).toEqual({ text: 'no nul' });
  });
});

describe('buildMessageExtra', () => {
  it('writes text, LF newlines and a trailing NUL', () => {
    const extra = buildMessageExtra('a\r\nb\rc', { encoding: 'utf8', utf8Flag: true });
    expect(extra).toEqual(bytes('a\nb\nc\0'));
  });

  it('drops NUL from the text and appends a NUL-terminated attachment list', () => {
    const extra = buildMessageExtra('x\0y', { encoding: 'utf8', utf8Flag: false }, bytes('L:'));
    expect(extra).toEqual(bytes('xy\0L:\0'));
  });

  it('round-trips through parseMessageExtra in every encoding', () => {
    const samples: [string, Parameters<typeof buildMessageExtra>[1]][] = [
      ['Grüße 😀\n第二行', { encoding: 'utf8', utf8Flag: true }],
      ['你好\n世界', { encoding: 'gbk', utf8Flag: false }],
      ['你好 😀', { encoding: 'gb18030', utf8Flag: false }],
      ['日本語\nテキスト', { encoding: 'cp932', utf8Flag: false }],
      ['中文繁體', { encoding: 'big5', utf8Flag: false }],
    ];
    for (const [text, textEncoding] of samples) {
      const command = Mode.SENDMSG | (textEncoding.utf8Flag ? Opt.UTF8OPT : 0);
      const legacy = textEncoding.encoding === 'utf8' ? 'gb18030' : textEncoding.encoding;
      expect(parseMessageExtra(buildMessageExtra(text, textEncoding), command, legacy).text).toBe(
        text,
      );
    }
  });
});

describe('encoding toward each kind of peer', () => {
  const me = { version: pigeonVersionString('0.1.0'), user: 'me', host: 'pc' };

  function send(peer: { version: string; capabilities: number }, text: string) {
    const textEncoding = chooseOutgoingEncoding(peer, 'cp932');
    const command = makeCommand(
      Mode.SENDMSG,
      Opt.SENDCHECKOPT | (textEncoding.utf8Flag ? Opt.UTF8OPT : 0),
    );
    const extra = buildMessageExtra(text, textEncoding);
    return packet(encodePacket({ ...me, packetNo: 42, command, extra }));
  }

  it('sends GBK without a flag to FeiQ, which FeiQ reads as GBK', () => {
    const p = send({ version: FEIQ_VERSION, capabilities: 0x600000 }, '你好，世界');
    expect(p.options & Opt.UTF8OPT).toBe(0);
    expect(p.extra).toEqual(bytes(hex('c4e3 bac3 a3ac cac0 bde7'), [0]));
  });

  it('replaces what GBK cannot hold with "?" toward FeiQ', () => {
    const p = send({ version: FEIQ_VERSION, capabilities: 0 }, 'ok 😀');
    expect(p.extra).toEqual(bytes('ok ?\0'));
  });

  it('sends UTF-8 without a flag to iptux', () => {
    const p = send({ version: '1_iptux 0.8.3', capabilities: Opt.ABSENCEOPT }, '你好');
    expect(p.options & Opt.UTF8OPT).toBe(0);
    expect(p.extra).toEqual(bytes(hex('e4bda0 e5a5bd'), [0]));
  });

  it('sends UTF-8 with UTF8OPT to a peer advertising CAPUTF8OPT', () => {
    const p = send({ version: '1', capabilities: Opt.CAPUTF8OPT | Opt.FILEATTACHOPT }, '你好');
    expect(p.options & Opt.UTF8OPT).toBe(Opt.UTF8OPT);
    expect(p.extra).toEqual(bytes(hex('e4bda0 e5a5bd'), [0]));
    expect(parseMessageExtra(p.extra, p.command, 'cp932').text).toBe('你好');
  });

  it('sends the legacy codepage to an old IP Messenger', () => {
    const p = send({ version: '1', capabilities: Opt.FILEATTACHOPT }, '日本語');
    expect(p.extra).toEqual(bytes(hex('93fa967b8cea'), [0]));
  });
});

describe('acknowledgements', () => {
  it('writes the packet number in decimal with a NUL', () => {
    expect(ackExtra(1700000123)).toEqual(bytes('1700000123\0'));
    expect(ackExtra(0)).toEqual(bytes('0\0'));
    expect(ackExtra(4294967295)).toEqual(bytes('4294967295\0'));
  });

  it('refuses what is not a uint32', () => {
    for (const n of [-1, 1.5, 2 ** 32, Number.NaN]) expect(() => ackExtra(n)).toThrow(RangeError);
  });

  it("reads iptux's RECVMSG", () => {
    const p = packet(IPTUX_RECVMSG);
    expect(parseAckExtra(p.extra)).toBe(1700000123);
  });

  it('round-trips and tolerates trailing NULs, spaces and padding', () => {
    expect(parseAckExtra(ackExtra(987654321))).toBe(987654321);
    expect(parseAckExtra(bytes('12345'))).toBe(12345);
    expect(parseAckExtra(bytes(' 12345 \0'))).toBe(12345);
    expect(parseAckExtra(bytes('12345\0', Buffer.alloc(64)))).toBe(12345);
  });

  it.each(['', '\0', 'abc', '-5', '12a', '0x10', '4294967296', '1 2', '99999999999'])(
    'gives undefined for %j',
    (text) => {
      expect(parseAckExtra(Buffer.from(text, 'latin1'))).toBeUndefined();
    },
  );
});
