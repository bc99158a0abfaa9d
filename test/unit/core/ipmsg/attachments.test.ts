// Attachment lists as IP Messenger and iptux write them (interop reference §5, §9). Lists
// are written out by hand, not with the encoder under test.
import { describe, expect, it } from 'vitest';
import {
  attachmentKind,
  clipboardPosition,
  decodeAttachments,
  encodeAttachments,
  FileAttr,
  makeCommand,
  Mode,
  Opt,
  parseMessageExtra,
  type Attachment,
} from '../../../../src-main/core/ipmsg';
import { bytes, hex } from './golden';

const UTF8 = { utf8Flag: true, legacy: 'gb18030' } as const;
const FLAGLESS = { utf8Flag: false, legacy: 'gb18030' } as const;

function decode(list: string | Buffer, opts: { utf8Flag: boolean; legacy: 'gb18030' } = FLAGLESS) {
  return decodeAttachments(typeof list === 'string' ? Buffer.from(list, 'utf8') : list, opts);
}

describe('decodeAttachments: IP Messenger lists', () => {
  // IP Messenger 4.99 ShareInfo::EncodeMsg: "%d:%s:%llx:%llx:%x%s:" + '\a', IDs from a random
  // base, clipboard images with ":8=<pos>".
  const list =
    '536870913:report.pdf:1a2b3:65f0a3b2:1:\x07' +
    '536870914:photos:0:65f0a3b2:2:\x07' +
    '536870915:ipmsgclip_s0_0.png:2c4:65f0a3b2:20:8=5:\x07';

  it('reads every field of every entry', () => {
    const extra = bytes('see attached\0', list, '\0');
    const message = parseMessageExtra(extra, makeCommand(Mode.SENDMSG, Opt.FILEATTACHOPT), 'gbk');
    expect(message.text).toBe('see attached');
    const { attachments, malformed } = decode(message.attachments as Buffer);
    expect(malformed).toBe(0);
    expect(attachments).toEqual([
      {
        fileId: 536870913,
        name: 'report.pdf',
        size: 0x1a2b3,
        mtime: 0x65f0a3b2,
        attr: 1,
        extensions: [],
      },
      { fileId: 536870914, name: 'photos', size: 0, mtime: 0x65f0a3b2, attr: 2, extensions: [] },
      {
        fileId: 536870915,
        name: 'ipmsgclip_s0_0.png',
        size: 0x2c4,
        mtime: 0x65f0a3b2,
        attr: 0x20,
        extensions: [{ key: 8, value: '5' }],
      },
    ]);
    expect(attachments.map(attachmentKind)).toEqual(['file', 'directory', 'clipboard']);
    expect(clipboardPosition(attachments[2] as Attachment)).toBe(5);
    expect(clipboardPosition(attachments[0] as Attachment)).toBeUndefined();
  });

  it('reads fileIDs as decimal and sizes as hex, beyond 32 bits', () => {
    const { attachments } = decode('10:big.iso:140000000:65f0a3b2:1:\x07');
    expect(attachments[0]).toMatchObject({ fileId: 10, size: 5 * 2 ** 30 });
  });

  it('unescapes "::" in names, at any position', () => {
    const { attachments } = decode(
      '1:a::b.txt:3:0:1:\x07' +
        '2:::lead:3:0:1:\x07' +
        '3:trail:::3:0:1:\x07' +
        '4:x::::y:3:0:1:\x07',
    );
    expect(attachments.map((a) => a.name)).toEqual(['a:b.txt', ':lead', 'trail:', 'x::y']);
  });

  it('keeps the type in the low byte when flag bits are set (read-only, hidden)', () => {
    const { attachments } = decode('1:ro.txt:3:0:1101:\x07');
    expect(attachments[0]?.attr).toBe(FileAttr.REGULAR | FileAttr.RONLY | FileAttr.HIDDEN);
    expect(attachmentKind(attachments[0] as Attachment)).toBe('file');
  });

  it('reads names in the legacy codepage when the list is not UTF-8 and not flagged', () => {
    // 张三.txt in GBK.
    const list = Buffer.concat([bytes('1:'), hex('d5c5 c8fd'), bytes('.txt:4:0:1:\x07')]);
    expect(decode(list).attachments[0]?.name).toBe('张三.txt');
    expect(decodeAttachments(list, { utf8Flag: false, legacy: 'gbk' }).attachments[0]?.name).toBe(
      '张三.txt',
    );
  });

  it('reads UTF-8 names with UTF8OPT, and valid UTF-8 without it', () => {
    const list = '1:张三的报告.pdf:4:0:1:\x07';
    expect(decode(list, UTF8).attachments[0]?.name).toBe('张三的报告.pdf');
    expect(decode(list).attachments[0]?.name).toBe('张三的报告.pdf');
  });
});

describe('decodeAttachments: iptux lists and tolerance', () => {
  it('reads iptux broadcast lists with "\\a:" separators and a trailing ":"', () => {
    // iptux SendFile::BcstFileInfo: "%u:%s:%llx:%x:%x:\a:" per file; folders carry their tree size.
    const { attachments, malformed } = decode(
      '0:a.txt:10:65f0a3b2:1:\x07:1:docs:4000:65f0a3b2:2:\x07:',
    );
    expect(malformed).toBe(0);
    expect(attachments.map((a) => [a.fileId, a.name, a.size, attachmentKind(a)])).toEqual([
      [0, 'a.txt', 16, 'file'],
      [1, 'docs', 0x4000, 'directory'],
    ]);
  });

  it('reads names with raw ":" as iptux sends them', () => {
    const { attachments } = decode('7:a:b.txt:10:65f0a3b2:1:\x07' + '8:x:1:2:3:20:65f0a3b2:1:\x07');
    expect(attachments.map((a) => [a.name, a.size, a.attr])).toEqual([
      ['a:b.txt', 16, 1],
      ['x:1:2:3', 32, 1],
    ]);
  });

  it('accepts a missing final ":" and a missing final "\\a", and trailing NULs', () => {
    const { attachments } = decode(bytes('3:c.txt:5:1:1\x07', '4:d.txt:6:1:1', [0, 0, 0]));
    expect(attachments.map((a) => [a.fileId, a.name, a.size])).toEqual([
      [3, 'c.txt', 5],
      [4, 'd.txt', 6],
    ]);
  });

  it('skips unreadable entries and repeated fileIDs, counting them', () => {
    const { attachments, malformed } = decode(
      [
        '1:ok.txt:1:0:1:',
        'x1:bad-id.txt:1:0:1:',
        '2:bad-size.txt:zz:0:1:',
        '3::1:0:1:',
        '4:no-fields',
        '99999999999:too-big-id:1:0:1:',
        '5:too-big-size:fffffffffffffffff:0:1:',
        '1:again.txt:1:0:1:',
        '6:fine.txt:2:0:1:',
      ].join('\x07'),
    );
    expect(attachments.map((a) => a.name)).toEqual(['ok.txt', 'fine.txt']);
    expect(malformed).toBe(7);
  });

  it('gives an empty result for empty input', () => {
    expect(decode('')).toEqual({ attachments: [], malformed: 0 });
    expect(decode('\x07\x07:\x07')).toEqual({ attachments: [], malformed: 0 });
  });
});

describe('encodeAttachments', () => {
  const report: Attachment = {
    fileId: 536870913,
    name: 'report.pdf',
    size: 0x1a2b3,
    mtime: 0x65f0a3b2,
    attr: FileAttr.REGULAR,
  };

  it("writes IP Messenger's layout", () => {
    const out = encodeAttachments(
      [
        report,
        {
          ...report,
          fileId: 536870914,
          name: 'img.png',
          attr: FileAttr.CLIPBOARD,
          extensions: [{ key: 8, value: '1f' }],
        },
      ],
      { encoding: 'utf8', escapeColons: true },
    );
    expect(out.toString('latin1')).toBe(
      '536870913:report.pdf:1a2b3:65f0a3b2:1:\x07536870914:img.png:1a2b3:65f0a3b2:20:8=1f:\x07',
    );
  });

  it('doubles ":" for IP Messenger and Pigeon, replaces it for iptux', () => {
    const named = { ...report, name: 'a:b:c.txt' };
    const escaped = encodeAttachments([named], { encoding: 'utf8', escapeColons: true });
    expect(escaped.toString()).toBe('536870913:a::b::c.txt:1a2b3:65f0a3b2:1:\x07');
    const plain = encodeAttachments([named], { encoding: 'utf8', escapeColons: false });
    expect(plain.toString()).toBe('536870913:a;b;c.txt:1a2b3:65f0a3b2:1:\x07');
    const custom = encodeAttachments([named], {
      encoding: 'utf8',
      escapeColons: false,
      colonReplacement: '_',
    });
    expect(custom.toString()).toContain(':a_b_c.txt:');
  });

  it('writes lists iptux can split naively (its parser reads attr before unescaping)', () => {
    const names = ['a:b.txt', '::x', 'y::', 'plain.txt', '中:文.txt'];
    const list = encodeAttachments(
      names.map((name, i) => ({ ...report, fileId: i, name })),
      { encoding: 'utf8', escapeColons: false },
    );
    const entries = list.toString('utf8').split('\x07').filter(Boolean);
    expect(entries).toHaveLength(names.length);
    for (const entry of entries) expect(entry.split(':')).toHaveLength(6); // 5 fields + ''
  });

  it('replaces control characters that would cut or split the list', () => {
    const out = encodeAttachments([{ ...report, name: 'a\0b\x07c\nd' }], {
      encoding: 'utf8',
      escapeColons: true,
    });
    expect(out.toString()).toBe('536870913:a_b_c_d:1a2b3:65f0a3b2:1:\x07');
  });

  it('writes names in a legacy codepage', () => {
    const out = encodeAttachments([{ ...report, name: '张三.txt' }], {
      encoding: 'gbk',
      escapeColons: true,
    });
    expect(out).toEqual(
      Buffer.concat([bytes('536870913:'), hex('d5c5 c8fd'), bytes('.txt:1a2b3:65f0a3b2:1:\x07')]),
    );
  });

  it('refuses values no caller should produce', () => {
    const opts = { encoding: 'utf8', escapeColons: true } as const;
    expect(() => encodeAttachments([{ ...report, name: '' }], opts)).toThrow(RangeError);
    expect(() => encodeAttachments([{ ...report, fileId: -1 }], opts)).toThrow(RangeError);
    expect(() => encodeAttachments([{ ...report, fileId: 2 ** 32 }], opts)).toThrow(RangeError);
    expect(() => encodeAttachments([{ ...report, size: 1.5 }], opts)).toThrow(RangeError);
    expect(() =>
      encodeAttachments([{ ...report, extensions: [{ key: 8, value: 'a:b' }] }], opts),
    ).toThrow(RangeError);
    expect(() =>
      encodeAttachments([report], { ...opts, escapeColons: false, colonReplacement: ':' }),
    ).toThrow(RangeError);
  });

  it('round-trips through decodeAttachments', () => {
    const list: Attachment[] = [
      { ...report, extensions: [] },
      { fileId: 7, name: 'a:b::c:', size: 0, mtime: 0, attr: FileAttr.DIR, extensions: [] },
      {
        fileId: 0xffffffff,
        name: 'x=1.txt',
        size: Number.MAX_SAFE_INTEGER,
        mtime: 1,
        attr: 0xffffffff,
        extensions: [{ key: 0x14, value: '65f0a3b2' }],
      },
    ];
    const encoded = encodeAttachments(list, { encoding: 'utf8', escapeColons: true });
    expect(decodeAttachments(encoded, UTF8)).toEqual({ attachments: list, malformed: 0 });
  });
});
