import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  decodePlainText,
  encodePlainText,
  MAX_PLAIN_DATAGRAM,
} from '../../../src-main/core/plain-contacts/plain-text-codec';
import { isPlainUdpEncoding } from '../../../src-main/core/store/records/plain-contact-record';

describe('encodePlainText', () => {
  it('writes the bare text, no header and no terminator', () => {
    expect(encodePlainText('hi 你好', 'utf8').datagrams).toEqual([Buffer.from('hi 你好', 'utf8')]);
    expect(encodePlainText('hi 你好', 'gbk').datagrams).toEqual([
      Buffer.from([0x68, 0x69, 0x20, 0xc4, 0xe3, 0xba, 0xc3]),
    ]);
  });

  it('sends nothing for empty text', () => {
    expect(encodePlainText('', 'utf8')).toEqual({ datagrams: [], unrepresentable: 0 });
  });

  it('cuts long text into datagrams within the limit, between characters', () => {
    const text = '汉字'.repeat(5000) + '👍🏽'.repeat(300);
    for (const encoding of ['utf8', 'gbk'] as const) {
      const { datagrams } = encodePlainText(text, encoding);
      expect(datagrams.length).toBeGreaterThan(1);
      for (const d of datagrams) expect(d.length).toBeLessThanOrEqual(MAX_PLAIN_DATAGRAM);
      const decoded = datagrams.map((d) => decodePlainText(d, encoding));
      if (encoding === 'utf8') expect(decoded.join('')).toBe(text);
      // GBK cannot hold the emoji: each code point becomes '?', the Chinese survives.
      else expect(decoded.join('')).toBe('汉字'.repeat(5000) + '??'.repeat(300));
    }
  });

  it('honours a smaller datagram size and never splits a character', () => {
    const { datagrams } = encodePlainText('ab中文字符🎉xyz', 'utf8', 16);
    expect(datagrams.every((d) => d.length <= 16)).toBe(true);
    expect(datagrams.map((d) => d.toString('utf8')).join('')).toBe('ab中文字符🎉xyz');
    for (const d of datagrams) expect(decodePlainText(d, 'utf8')).not.toContain('\ufffd');
  });

  it('refuses a datagram size too small to hold a character', () => {
    expect(() => encodePlainText('x', 'utf8', 8)).toThrow(RangeError);
  });

  it('counts characters GBK cannot hold', () => {
    // ü and € are in GBK (CP936); ✓ and the emoji are not.
    expect(encodePlainText('好 👍 ü € ✓ 🎉', 'gbk').unrepresentable).toBe(3);
    expect(encodePlainText('? literal question marks ?', 'gbk').unrepresentable).toBe(0);
    expect(encodePlainText('👍🎉', 'utf8').unrepresentable).toBe(0);
  });
});

describe('decodePlainText', () => {
  it('reads UTF-8 and GBK', () => {
    expect(decodePlainText(Buffer.from('早上好 ☀️', 'utf8'), 'utf8')).toBe('早上好 ☀️');
    expect(decodePlainText(iconv.encode('早上好', 'gbk'), 'gbk')).toBe('早上好');
  });

  it('drops trailing NULs (C strings) and a UTF-8 byte-order mark', () => {
    expect(decodePlainText(Buffer.from('hello\0\0\0'), 'utf8')).toBe('hello');
    expect(
      decodePlainText(Buffer.concat([iconv.encode('你好', 'gbk'), Buffer.alloc(2)]), 'gbk'),
    ).toBe('你好');
    expect(decodePlainText(Buffer.from('\ufeffhi', 'utf8'), 'utf8')).toBe('hi');
    expect(decodePlainText(Buffer.from('a\0b\n'), 'utf8')).toBe('a\0b\n');
  });

  it('turns invalid bytes into U+FFFD and never throws', () => {
    expect(decodePlainText(Buffer.from([0x61, 0xff, 0x62]), 'utf8')).toBe('a\ufffdb');
    expect(decodePlainText(Buffer.from([0xc4]), 'gbk')).toBe('\ufffd');
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let i = 0; i < 500; i++) {
      const bytes = Buffer.from(Array.from({ length: 1 + (i % 64) }, random));
      for (const encoding of ['utf8', 'gbk'] as const) {
        expect(typeof decodePlainText(bytes, encoding)).toBe('string');
      }
    }
  });

  it('reads a slice of a larger buffer without its neighbours', () => {
    const whole = Buffer.from('xxhelloyy');
    expect(decodePlainText(whole.subarray(2, 7), 'utf8')).toBe('hello');
  });
});

it('isPlainUdpEncoding accepts only utf8 and gbk', () => {
  expect(['utf8', 'gbk', 'utf-8', 'big5', 1].map(isPlainUdpEncoding)).toEqual([
    true,
    true,
    false,
    false,
    false,
  ]);
});
