// What the coverage-guided fuzzer (test/fuzz) found in the codec, kept as regressions.
import { describe, expect, it } from 'vitest';
import {
  decodeAttachments,
  decodeText,
  DirStreamParser,
  makeCommand,
  Mode,
  parseEntryExtra,
} from '../../../../src-main/core/ipmsg';
import { minCpuMicros } from '../cpu-time';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('legacy text never holds lone surrogates', () => {
  // An unassigned GB18030 four-byte sequence; iconv-lite decodes it to \udc91\udcc2.
  const UNASSIGNED = Buffer.from('ef309a30', 'hex');

  it('decodes an unassigned GB18030 sequence to replacement characters', () => {
    const text = decodeText(UNASSIGNED, { utf8Flag: false, legacy: 'gb18030' });
    expect(text).not.toMatch(LONE_SURROGATE);
    expect(text).toContain('\ufffd');
  });

  it('keeps the nickname of the entry the fuzzer sent well formed', () => {
    const extra = Buffer.from('3030 0f d5c5 616c696365 ef309a30 00'.replace(/ /g, ''), 'hex');
    const info = parseEntryExtra(extra, makeCommand(Mode.BR_EXIT), 'gb18030', { version: '1' });
    expect(info.nickname).toMatch(/^00\x0f张alice/);
    expect(info.nickname).not.toMatch(LONE_SURROGATE);
    // What SQLite would store (UTF-8) reads back as the same name.
    expect(Buffer.from(info.nickname, 'utf8').toString('utf8')).toBe(info.nickname);
  });

  it('leaves real supplementary characters alone', () => {
    // U+20000 in GB18030 is 95 32 82 36.
    const text = decodeText(Buffer.from('95328236', 'hex'), { utf8Flag: false, legacy: 'gb18030' });
    expect(text).toBe('\u{20000}');
  });
});

describe('folder stream headers that arrive in small pieces', () => {
  // A 64 KB header (the largest the 4-hex-digit length allows) of junk.
  const header = Buffer.concat([Buffer.from('ffff:', 'latin1'), Buffer.alloc(0xffff - 5, 0x61)]);

  function pushInPieces(size: number): void {
    const parser = new DirStreamParser({ utf8Flag: false, legacy: 'gb18030' });
    for (let at = 0; at < header.length; at += size) parser.push(header.subarray(at, at + size));
  }

  it('costs no more than 5 ms of CPU in 16-byte pieces (it was about 50 ms: quadratic)', () => {
    expect(minCpuMicros(() => pushInPieces(16), 5)).toBeLessThan(5_000);
  });

  it('still reads the header once all its pieces are in', () => {
    const parser = new DirStreamParser({ utf8Flag: true, legacy: 'gb18030' });
    const good = Buffer.from('000e:docs:0:2:', 'latin1');
    const events = [...good].flatMap((byte) => parser.push(Buffer.from([byte])));
    expect(events).toEqual([
      {
        type: 'entry',
        entry: { kind: 'directory', name: 'docs', size: 0, attr: 2, extensions: [] },
      },
    ]);
  });
});

describe('attachment names in a legacy codepage', () => {
  it('are well formed too', () => {
    const list = Buffer.concat([
      Buffer.from('0:', 'latin1'),
      Buffer.from('d5c5ef309a30', 'hex'),
      Buffer.from(':5:65f0a3b2:1:\x07', 'latin1'),
    ]);
    const { attachments } = decodeAttachments(list, { utf8Flag: false, legacy: 'gb18030' });
    expect(attachments[0]?.name).toMatch(/^张/);
    expect(attachments[0]?.name).not.toMatch(LONE_SURROGATE);
  });
});
