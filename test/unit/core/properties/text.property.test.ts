// Text encodings and chunking: what Pigeon writes in UTF-8 or GBK reads back as the same
// text; whatever bytes arrive, the text read is well formed; long text cut into datagrams
// is never cut inside a character, each piece fits, and the pieces join to the text.
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  decodeText,
  encodeText,
  isValidUtf8,
  LEGACY_ENCODINGS,
  splitText,
} from '../../../../src-main/core/ipmsg';
import {
  decodePlainText,
  encodePlainText,
} from '../../../../src-main/core/plain-contacts/plain-text-codec';
import { LONE_SURROGATE } from './corpus';

/** Characters GBK holds: ASCII, CJK, full-width punctuation, and a few symbols. */
const GBK_CHARS = [...'abcXYZ019 \n\t,.!?-_张三李四研发部你好世界第二行测试，。！？“”《》①②α€'];
const gbkText = fc.string({ unit: fc.constantFrom(...GBK_CHARS) });
/** Text with what cutting can break: surrogate pairs, combining marks, ZWJ emoji, CJK. */
const trickyText = fc.string({
  unit: fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.constantFrom('👨‍👩‍👧', 'é', 'e\u0301', '🇨🇳', '张', '\r\n', ' ', '\n', '𠀀'),
  ),
  maxLength: 300,
});

/**
 * Bytes as a hostile peer sends them: fast-check favours small values, so multi-byte
 * shapes (GB18030 four-byte sequences, UTF-8 leads and continuations) are built in.
 */
const hostileBytes = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 255 }).map((b) => [b]),
      fc.tuple(
        fc.integer({ min: 0x81, max: 0xfe }),
        fc.integer({ min: 0x30, max: 0x39 }),
        fc.integer({ min: 0x81, max: 0xfe }),
        fc.integer({ min: 0x30, max: 0x39 }),
      ),
      fc.tuple(fc.integer({ min: 0xc0, max: 0xff }), fc.integer({ min: 0x80, max: 0xbf })),
    ),
    { maxLength: 64 },
  )
  .map((parts) => Buffer.from(parts.flat()));

describe('UTF-8 and GBK text', () => {
  it('UTF-8: any text reads back as itself, with or without UTF8OPT', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.boolean(), (text, utf8Flag) => {
        const bytes = encodeText(text, 'utf8');
        expect(decodeText(bytes, { utf8Flag, legacy: 'gb18030' })).toBe(text);
      }),
    );
  });

  it('GBK: text GBK holds reads back as itself (unless its bytes are also UTF-8)', () => {
    fc.assert(
      fc.property(
        gbkText,
        fc.constantFrom('gbk', 'gb18030') as fc.Arbitrary<'gbk'>,
        (text, legacy) => {
          const bytes = encodeText(text, 'gbk');
          // The receive policy reads valid UTF-8 as UTF-8 (interop reference §3).
          fc.pre(!isValidUtf8(bytes) || /^[\x00-\x7f]*$/.test(text));
          expect(decodeText(bytes, { utf8Flag: false, legacy })).toBe(text);
        },
      ),
    );
  });

  it('any bytes in any codepage read as well-formed text, never longer than the bytes', () => {
    fc.assert(
      fc.property(hostileBytes, fc.constantFrom(...LEGACY_ENCODINGS), (bytes, legacy) => {
        const text = decodeText(bytes, { utf8Flag: false, legacy });
        expect(text).not.toMatch(LONE_SURROGATE);
        expect(text.length).toBeLessThanOrEqual(bytes.length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('splitText (messages longer than a datagram)', () => {
  it('cuts only between characters: pieces fit, join to the text, no half pairs', () => {
    fc.assert(
      fc.property(
        trickyText,
        fc.integer({ min: 4, max: 64 }),
        fc.constantFrom('utf8', 'gb18030') as fc.Arbitrary<'utf8'>,
        (text, maxBytes, encoding) => {
          const chunks = splitText(text, maxBytes, encoding);
          expect(chunks.join('')).toBe(text);
          for (const chunk of chunks) {
            expect(chunk).not.toMatch(LONE_SURROGATE);
            // A single character wider than the budget is the one exception.
            if ([...chunk].length > 1) {
              expect(encodeText(chunk, encoding).length).toBeLessThanOrEqual(maxBytes);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the plain UDP text codec', () => {
  it('datagrams fit, decode one by one and join back to the text', () => {
    fc.assert(
      fc.property(
        trickyText,
        fc.integer({ min: 16, max: 200 }),
        fc.constantFrom('utf8', 'gbk') as fc.Arbitrary<'utf8' | 'gbk'>,
        (text, maxBytes, encoding) => {
          const { datagrams, unrepresentable } = encodePlainText(text, encoding, maxBytes);
          const decoded = datagrams.map((d) => decodePlainText(d, encoding));
          const expected =
            encoding === 'utf8' ? text : iconv.decode(iconv.encode(text, 'gbk'), 'gbk');
          expect(decoded.join('')).toBe(expected.replace(/\0+$/, ''));
          if (encoding === 'utf8') expect(unrepresentable).toBe(0);
          for (const d of datagrams) expect(d.length).toBeLessThanOrEqual(maxBytes);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads any datagram as well-formed text', () => {
    fc.assert(
      fc.property(
        hostileBytes,
        fc.constantFrom('utf8', 'gbk') as fc.Arbitrary<'utf8' | 'gbk'>,
        (bytes, encoding) => {
          expect(decodePlainText(bytes, encoding)).not.toMatch(LONE_SURROGATE);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
