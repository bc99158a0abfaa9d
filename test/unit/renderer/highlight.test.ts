import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../../src-renderer/format/download';
import { highlightParts, queryWords } from '../../../src-renderer/format/highlight';

const marked = (snippet: string, query: string) =>
  highlightParts(snippet, query)
    .filter((part) => part.match)
    .map((part) => part.text);

describe('marking search matches', () => {
  it('marks every word of the query, ignoring case, and keeps all the text', () => {
    const parts = highlightParts('Build green; the BUILD is green', 'build GREEN');
    expect(parts.map((part) => part.text).join('')).toBe('Build green; the BUILD is green');
    expect(parts.filter((part) => part.match).map((part) => part.text)).toEqual([
      'Build',
      'green',
      'BUILD',
      'green',
    ]);
  });

  it('finds Chinese of one or two characters, and takes regex characters literally', () => {
    expect(marked('下午三点开会，别忘了开会', '会')).toEqual(['会', '会']);
    expect(marked('cost (a+b)* 2', '(a+b)*')).toEqual(['(a+b)*']);
    expect(marked('nothing here', 'zebra')).toEqual([]);
  });

  it('prefers the longer word where two match at one place', () => {
    expect(marked('hello', 'he hello')).toEqual(['hello']);
  });

  it('splits the query as the search does', () => {
    expect(queryWords('  a\tb  a\n')).toEqual(['a', 'b']);
    expect(highlightParts('text', '   ')).toEqual([{ text: 'text', match: false }]);
  });
});

describe('file names for downloads', () => {
  it('keeps a plain name and drops folders, reserved characters and leading dots', () => {
    expect(safeFileName('Alice 2024-05-06.txt', 'x.txt')).toBe('Alice 2024-05-06.txt');
    expect(safeFileName('../../etc/passwd', 'x.txt')).toBe('passwd');
    expect(safeFileName('C:\\Users\\a\\..\\evil.txt', 'x.txt')).toBe('evil.txt');
    expect(safeFileName('a<b>:"|?*\u0000.txt', 'x.txt')).toBe('a_b_.txt');
    expect(safeFileName('.bashrc', 'x.txt')).toBe('bashrc');
    expect(safeFileName('...', 'x.txt')).toBe('x.txt');
    expect(safeFileName('', 'x.txt')).toBe('x.txt');
  });

  it('shortens an endless name but keeps its extension', () => {
    const name = safeFileName(`${'聊'.repeat(300)}.json`, 'x.json');
    expect(name.length).toBe(120);
    expect(name.endsWith('.json')).toBe(true);
  });
});
