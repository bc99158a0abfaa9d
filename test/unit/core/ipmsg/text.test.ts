import { describe, expect, it } from 'vitest';
import {
  chooseOutgoingEncoding,
  decodeText,
  encodeText,
  isLegacyEncoding,
  isValidUtf8,
  LEGACY_ENCODINGS,
  legacyEncodingFor,
  Opt,
  pigeonVersionString,
} from '../../../../src-main/core/ipmsg';
import { FEIQ_VERSION, hex } from './golden';

describe('isValidUtf8', () => {
  it.each([
    ['ASCII', Buffer.from('plain'), true],
    ['empty', Buffer.alloc(0), true],
    ['UTF-8 CJK and emoji', Buffer.from('中文😀'), true],
    ['GBK 你好', hex('c4e3bac3'), false],
    ['CP932 日本語', hex('93fa967b8cea'), false],
    ['overlong /', hex('c0af'), false],
    ['UTF-16 surrogate', hex('eda080'), false],
    ['truncated sequence', hex('e4b8'), false],
  ])('%s → %s', (_name, buf, valid) => {
    expect(isValidUtf8(buf)).toBe(valid);
  });
});

describe('decodeText (receive policy)', () => {
  it('uses UTF-8 when the flag is set, whatever the bytes', () => {
    expect(decodeText(Buffer.from('中文'), { utf8Flag: true, legacy: 'gbk' })).toBe('中文');
    expect(decodeText(hex('c4e3bac3'), { utf8Flag: true, legacy: 'gbk' })).toContain('\ufffd');
  });

  it('uses UTF-8 without the flag when the bytes are valid UTF-8', () => {
    expect(decodeText(Buffer.from('中文'), { utf8Flag: false, legacy: 'cp932' })).toBe('中文');
  });

  it('falls back to the legacy codepage otherwise', () => {
    const opts = (legacy: (typeof LEGACY_ENCODINGS)[number]) => ({ utf8Flag: false, legacy });
    expect(decodeText(hex('c4e3bac3'), opts('gbk'))).toBe('你好');
    expect(decodeText(hex('c4e3bac3'), opts('gb18030'))).toBe('你好');
    expect(decodeText(hex('93fa967b8cea'), opts('cp932'))).toBe('日本語');
    expect(decodeText(hex('a4a4a4e5'), opts('big5'))).toBe('中文');
  });

  it('reads GB18030 four-byte sequences (emoji) with gb18030 but not with gbk', () => {
    const emoji = hex('9439fc36');
    expect(decodeText(emoji, { utf8Flag: false, legacy: 'gb18030' })).toBe('😀');
    expect(decodeText(emoji, { utf8Flag: false, legacy: 'gbk' })).not.toBe('😀');
  });

  it('never throws on garbage', () => {
    const garbage = Buffer.from([0xff, 0xfe, 0x80, 0x00, 0x81]);
    for (const legacy of LEGACY_ENCODINGS) {
      expect(typeof decodeText(garbage, { utf8Flag: false, legacy })).toBe('string');
    }
  });
});

describe('encodeText', () => {
  it('writes each encoding', () => {
    expect(encodeText('你好', 'utf8')).toEqual(hex('e4bda0e5a5bd'));
    expect(encodeText('你好', 'gbk')).toEqual(hex('c4e3bac3'));
    expect(encodeText('日本語', 'cp932')).toEqual(hex('93fa967b8cea'));
    expect(encodeText('中文', 'big5')).toEqual(hex('a4a4a4e5'));
    expect(encodeText('😀', 'gb18030')).toEqual(hex('9439fc36'));
  });

  it("turns what a codepage cannot hold into '?'", () => {
    expect(encodeText('a😀b', 'gbk')).toEqual(Buffer.from('a?b'));
    expect(encodeText('张', 'cp932')).toEqual(Buffer.from('?'));
  });

  it('round-trips with decodeText', () => {
    const samples = {
      gb18030: '中文 😀 ✓',
      gbk: '简体中文',
      cp932: 'ひらがな漢字',
      big5: '繁體中文',
    };
    for (const legacy of LEGACY_ENCODINGS) {
      const text = samples[legacy];
      expect(decodeText(encodeText(text, legacy), { utf8Flag: false, legacy })).toBe(text);
    }
  });
});

describe('legacyEncodingFor', () => {
  it('reads FeiQ as GBK (gb18030) whatever the user chose, others with the fallback', () => {
    expect(legacyEncodingFor(FEIQ_VERSION, 'cp932')).toBe('gb18030');
    expect(legacyEncodingFor('1', 'cp932')).toBe('cp932');
    expect(legacyEncodingFor('1_iptux 0.8.3', 'big5')).toBe('big5');
  });
});

describe('isLegacyEncoding', () => {
  it('accepts the four codepages and nothing else', () => {
    for (const e of LEGACY_ENCODINGS) expect(isLegacyEncoding(e)).toBe(true);
    for (const e of ['utf8', 'GBK', 'shift_jis', 1, null]) expect(isLegacyEncoding(e)).toBe(false);
  });
});

describe('chooseOutgoingEncoding (send policy)', () => {
  it.each([
    ['CAPUTF8OPT peer', '1', Opt.CAPUTF8OPT, 'utf8', true],
    ['CAPUTF8OPT wins over the version', '1_iptux 0.8.3', Opt.CAPUTF8OPT, 'utf8', true],
    ['iptux', '1_iptux 0.8.3', Opt.ABSENCEOPT, 'utf8', false],
    ['FeiQ', FEIQ_VERSION, Opt.FILEATTACHOPT | Opt.ENCRYPTOPT, 'gbk', false],
    ['Pigeon without caps', pigeonVersionString('0.1.0'), 0, 'utf8', true],
    ['old IP Messenger', '1', Opt.FILEATTACHOPT, 'cp932', false],
    ['unknown client', '1@shiyeline', 0, 'cp932', false],
  ] as const)('%s', (_name, version, capabilities, encoding, utf8Flag) => {
    expect(chooseOutgoingEncoding({ version, capabilities }, 'cp932')).toEqual({
      encoding,
      utf8Flag,
    });
  });

  it("uses the user's legacy codepage for old clients", () => {
    expect(chooseOutgoingEncoding({ version: '1', capabilities: 0 }, 'big5').encoding).toBe('big5');
  });
});
