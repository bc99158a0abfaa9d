import { describe, expect, it } from 'vitest';
import { encodeText, splitText, type LegacyEncoding } from '../../../../src-main/core/ipmsg';

type Encoding = 'utf8' | LegacyEncoding;

/** The properties every split must have, whatever the text. */
function checkSplit(text: string, maxBytes: number, encoding: Encoding): string[] {
  const chunks = splitText(text, maxBytes, encoding);
  expect(chunks.length).toBeGreaterThan(0);
  expect(chunks.join('')).toBe(text);
  for (const chunk of chunks) {
    expect(encodeText(chunk, encoding).length).toBeLessThanOrEqual(maxBytes);
    // No chunk may start or end inside a surrogate pair.
    expect(chunk).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  }
  return chunks;
}

describe('splitText', () => {
  it('returns short text whole, and empty text as one empty chunk', () => {
    expect(splitText('hello', 100, 'utf8')).toEqual(['hello']);
    expect(splitText('', 100, 'utf8')).toEqual(['']);
  });

  it('fits exactly at the limit and splits one byte past it', () => {
    expect(splitText('a'.repeat(10), 10, 'utf8')).toEqual(['a'.repeat(10)]);
    expect(checkSplit('a'.repeat(11), 10, 'utf8')).toEqual(['a'.repeat(10), 'a']);
    expect(checkSplit('中'.repeat(4), 12, 'utf8')).toEqual(['中'.repeat(4)]);
    expect(checkSplit('中'.repeat(5), 12, 'utf8')).toEqual(['中'.repeat(4), '中']);
  });

  it('counts CJK as 3 bytes in UTF-8 and 2 in GBK and CP932', () => {
    const text = '中文'.repeat(10); // 20 characters
    expect(checkSplit(text, 7, 'utf8').map((c) => c.length)).toEqual(Array(10).fill(2));
    expect(checkSplit(text, 7, 'gbk').map((c) => c.length)).toEqual([3, 3, 3, 3, 3, 3, 2]);
    expect(checkSplit('日本語'.repeat(4), 6, 'cp932').map((c) => c.length)).toEqual([3, 3, 3, 3]);
  });

  it('never splits an emoji surrogate pair', () => {
    const text = '😀'.repeat(9); // 4 bytes each in UTF-8 and GB18030
    expect(checkSplit(text, 10, 'utf8')).toEqual(['😀😀', '😀😀', '😀😀', '😀😀', '😀']);
    expect(checkSplit(text, 5, 'gb18030')).toEqual(Array(9).fill('😀'));
    checkSplit(`a${text}`, 6, 'utf8');
  });

  it('keeps grapheme clusters (ZWJ families, flags, skin tones) whole when they fit', () => {
    const family = '👨‍👩‍👧‍👦'; // 25 bytes in UTF-8
    const text = `${family}${family}🇯🇵👍🏽`;
    const chunks = checkSplit(text, 30, 'utf8');
    expect(chunks).toEqual([family, family, '🇯🇵👍🏽']);
  });

  it('cuts a cluster larger than the budget between code points', () => {
    const family = '👨‍👩‍👧‍👦';
    const chunks = checkSplit(family, 8, 'utf8');
    expect(chunks.length).toBeGreaterThan(1);
    const zalgo = `e${'\u0301'.repeat(50)}`; // one grapheme of 101 bytes
    expect(checkSplit(zalgo, 20, 'utf8').length).toBe(6);
  });

  it('prefers a line break near the end of a chunk', () => {
    const text = `${'a'.repeat(70)}\n${'b'.repeat(70)}`;
    expect(checkSplit(text, 100, 'utf8')).toEqual([`${'a'.repeat(70)}\n`, 'b'.repeat(70)]);
  });

  it('prefers a space when there is no line break, keeping words whole', () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const chunks = checkSplit(words, 50, 'utf8');
    for (const chunk of chunks.slice(0, -1)) expect(chunk.endsWith(' ')).toBe(true);
  });

  it('prefers a line break over a later space', () => {
    const text = `${'a'.repeat(60)}\n${'b'.repeat(25)} ${'c'.repeat(30)}`;
    expect(checkSplit(text, 100, 'utf8')[0]).toBe(`${'a'.repeat(60)}\n`);
  });

  it('does not cut at a break that would leave a nearly empty chunk', () => {
    const text = `ab\n${'x'.repeat(200)}`;
    const chunks = checkSplit(text, 100, 'utf8');
    expect(chunks[0]).toHaveLength(100);
  });

  it('treats CRLF as one break and CJK ideographic space as a space', () => {
    const text = `${'a'.repeat(60)}\r\n${'b'.repeat(60)}`;
    expect(checkSplit(text, 100, 'utf8')[0]).toBe(`${'a'.repeat(60)}\r\n`);
    const cjk = `${'中'.repeat(28)}\u3000${'文'.repeat(28)}`; // 84 + 3 + 84 bytes
    expect(checkSplit(cjk, 100, 'utf8')[0]).toBe(`${'中'.repeat(28)}\u3000`);
  });

  it('holds its properties on long mixed text in every encoding', () => {
    const text = 'Hello, 世界! 😀👨‍👩‍👧 Ünïcödé\n日本語テキスト 繁體中文 '.repeat(60);
    for (const encoding of ['utf8', 'gb18030', 'gbk', 'cp932', 'big5'] as const) {
      for (const max of [4, 7, 64, 1000, 8000]) checkSplit(text, max, encoding);
    }
  });

  it('cuts only at true grapheme boundaries, also across its internal 1024-unit windows', () => {
    // Seeded mix of clusters whose boundaries depend on context (flags pair up, ZWJ joins).
    const pieces = ['👨‍👩‍👧‍👦', '🇯🇵', '🇺🇸', 'e\u0301', '\r\n', '中', 'a', ' ', '👍🏽', '😀'];
    let seed = 7;
    let text = '';
    while (text.length < 5000) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      text += pieces[seed % pieces.length];
    }
    const boundaries = new Set<number>();
    let at = 0;
    for (const s of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
      at += s.segment.length;
      boundaries.add(at);
    }
    for (const max of [30, 97, 1000]) {
      let cut = 0;
      for (const chunk of checkSplit(text, max, 'utf8')) {
        cut += chunk.length;
        expect(boundaries.has(cut)).toBe(true);
      }
    }
  });

  it('stays fast on long text (the segmenter is quadratic on one long string)', () => {
    const text = 'Hello, 世界! 😀 Ünïcödé\n日本語テキスト '.repeat(3000); // 87 000 characters
    const started = performance.now();
    const chunks = splitText(text, 4000, 'utf8');
    expect(performance.now() - started).toBeLessThan(5000);
    expect(chunks.join('')).toBe(text);
  }, 30000);

  it('throws RangeError for a budget below one character', () => {
    expect(() => splitText('abc', 3, 'utf8')).toThrow(RangeError);
    expect(() => splitText('abc', 10.5, 'utf8')).toThrow(RangeError);
  });
});
