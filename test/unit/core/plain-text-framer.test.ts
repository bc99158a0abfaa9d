import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  PlainTextFramer,
  type PlainTextFramerOptions,
} from '../../../src-main/core/plain-contacts/plain-text-framer';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function makeFramer(options: Partial<PlainTextFramerOptions> = {}) {
  const messages: string[] = [];
  const framer = new PlainTextFramer({
    encoding: 'utf8',
    lineBased: false,
    onMessage: (text) => messages.push(text),
    ...options,
  });
  return { framer, messages };
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('PlainTextFramer: chunks become messages', () => {
  it('coalesces chunks that arrive within a few milliseconds into one message', () => {
    const { framer, messages } = makeFramer({ coalesceMs: 25 });
    framer.push(utf8('hel'));
    vi.advanceTimersByTime(5);
    framer.push(utf8('lo '));
    vi.advanceTimersByTime(5);
    framer.push(utf8('world'));
    expect(messages).toEqual([]);
    vi.advanceTimersByTime(25);
    expect(messages).toEqual(['hello world']);
  });

  it('keeps chunks apart when the program paused between them', () => {
    const { framer, messages } = makeFramer({ coalesceMs: 25 });
    framer.push(utf8('first'));
    vi.advanceTimersByTime(100);
    framer.push(utf8('second'));
    vi.advanceTimersByTime(100);
    expect(messages).toEqual(['first', 'second']);
  });

  it('shows a burst that never goes quiet after the longest hold', () => {
    const { framer, messages } = makeFramer({ coalesceMs: 25, maxHoldMs: 250 });
    for (let i = 0; i < 30; i += 1) {
      framer.push(utf8('x'));
      vi.advanceTimersByTime(10);
    }
    expect(messages.length).toBeGreaterThanOrEqual(1);
    expect(messages[0]!.length).toBeLessThan(30);
    vi.advanceTimersByTime(100);
    expect(messages.join('')).toBe('x'.repeat(30));
  });

  it('drops the line break that ends a chunk, and NUL terminators, and shows blank chunks not at all', () => {
    const { framer, messages } = makeFramer();
    framer.push(Buffer.from('ok\r\n\0', 'latin1'));
    vi.advanceTimersByTime(50);
    framer.push(utf8('\r\n'));
    vi.advanceTimersByTime(50);
    expect(messages).toEqual(['ok']);
  });

  it('cuts a stream into messages of a bounded size, never between a surrogate pair', () => {
    const { framer, messages } = makeFramer({ maxMessageChars: 16 });
    framer.push(utf8(`${'a'.repeat(15)}😀${'b'.repeat(20)}`));
    vi.advanceTimersByTime(50);
    expect(messages.every((m) => m.length <= 16)).toBe(true);
    expect(messages.join('')).toBe(`${'a'.repeat(15)}😀${'b'.repeat(20)}`);
    expect(messages[0]).toBe('a'.repeat(15));
    expect(framer.pendingChars).toBe(0);
  });
});

describe('PlainTextFramer: line-based contacts', () => {
  it('shows one message per line, CRLF or LF, however the lines were cut into chunks', () => {
    const { framer, messages } = makeFramer({ lineBased: true });
    framer.push(utf8('one\r\ntw'));
    framer.push(utf8('o\nthree\n\nfo'));
    expect(messages).toEqual(['one', 'two', 'three']);
    framer.push(utf8('ur\n'));
    expect(messages).toEqual(['one', 'two', 'three', 'four']);
  });

  it('shows an unfinished line (a prompt) once the program is quiet', () => {
    const { framer, messages } = makeFramer({ lineBased: true, lineWaitMs: 500 });
    framer.push(utf8('> '));
    framer.push(utf8('login: '));
    vi.advanceTimersByTime(400);
    expect(messages).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(messages).toEqual(['> login: ']);
  });

  it('shows what is left when the stream ends', () => {
    const { framer, messages } = makeFramer({ lineBased: true });
    framer.push(utf8('last words'));
    framer.end();
    expect(messages).toEqual(['last words']);
  });
});

describe('PlainTextFramer: characters split between reads', () => {
  it('UTF-8: a character cut anywhere across reads is shown whole', () => {
    const text = '你好🌏';
    const bytes = utf8(text);
    for (let cut = 1; cut < bytes.length; cut += 1) {
      const { framer, messages } = makeFramer();
      framer.push(bytes.subarray(0, cut));
      vi.advanceTimersByTime(1000); // even after a long pause between the reads
      framer.push(bytes.subarray(cut));
      vi.advanceTimersByTime(1000);
      expect(messages.join('')).toBe(text);
      expect(messages.join('')).not.toContain('\uFFFD');
    }
  });

  it('GBK: a two-byte character cut between reads is shown whole', () => {
    const bytes = iconv.encode('中文消息', 'gbk');
    const { framer, messages } = makeFramer({ encoding: 'gbk' });
    framer.push(bytes.subarray(0, 3));
    vi.advanceTimersByTime(1000);
    framer.push(bytes.subarray(3));
    vi.advanceTimersByTime(1000);
    expect(messages.join('')).toBe('中文消息');
    expect(messages[0]).toBe('中');
  });

  it('GBK lines: split on newlines, text decoded as GB18030', () => {
    const { framer, messages } = makeFramer({ encoding: 'gbk', lineBased: true });
    const bytes = iconv.encode('第一行\r\n第二行\n', 'gbk');
    framer.push(bytes.subarray(0, 5));
    framer.push(bytes.subarray(5));
    expect(messages).toEqual(['第一行', '第二行']);
  });

  it('a character left unfinished when the stream ends shows as U+FFFD, never dropped silently', () => {
    const { framer, messages } = makeFramer();
    framer.push(Buffer.concat([utf8('ab'), utf8('好').subarray(0, 2)]));
    framer.end();
    expect(messages.join('')).toBe('ab\uFFFD');
  });
});
