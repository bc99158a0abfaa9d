// Hostile names from peers, written as real files: nothing may land outside the download
// folder, nothing may be overwritten, and every result is a plain portable name.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isInside,
  numberedName,
  openUnique,
  safeFileName,
  uniqueDirectory,
  uniquePath,
} from '../../../../src-main/core/transfer/safe-name';

const HOSTILE = [
  '../../etc/passwd',
  '..',
  '.',
  '...',
  '/etc/shadow',
  '\\\\server\\share\\evil.exe',
  'C:\\Windows\\System32\\drivers\\etc\\hosts',
  'C:evil.txt',
  '..\\..\\boot.ini',
  'a/../../b',
  'dir/',
  '/',
  '',
  '   ',
  'name\0.txt',
  'line\nbreak\r.txt',
  '\x07\x08\x1b[31mred',
  'CON',
  'con.txt',
  'Nul',
  'PRN.tar.gz',
  'aux ',
  'COM1',
  'lpt9.log',
  'COM¹',
  'CONOUT$',
  'trailing.dots...',
  'trailing spaces   ',
  'photo\u202Egnp.exe',
  'bom\uFEFFname',
  'what?<>|*"',
  'x'.repeat(300) + '.txt',
  '中'.repeat(120) + '.pdf',
  '😀'.repeat(100),
  '\uD800lone',
  'e\u0301.txt',
  '%2e%2e%2fescape',
  '....//....//x',
  '.hidden',
  '~/.ssh/authorized_keys',
];

describe('safeFileName', () => {
  it('leaves ordinary names alone', () => {
    for (const name of ['report.pdf', '张三的报告.docx', 'My Photo (2).jpg', '.bashrc', 'a b']) {
      expect(safeFileName(name)).toBe(name);
    }
  });

  it('keeps only the last path segment', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Windows\\evil.exe')).toBe('evil.exe');
    expect(safeFileName('dir/')).toBe('dir');
  });

  it('never returns an empty, "." or ".." name', () => {
    for (const name of ['', '.', '..', '...', '/', '   ', '\\\\', '. .']) {
      expect(safeFileName(name)).toBe('unnamed');
    }
    expect(safeFileName('..', { fallback: 'file' })).toBe('file');
  });

  it('replaces control, direction-override and Windows-invalid characters', () => {
    expect(safeFileName('name\0.txt')).toBe('name_.txt');
    expect(safeFileName('photo\u202Egnp.exe')).toBe('photo_gnp.exe');
    expect(safeFileName('a:b?c*.txt')).toBe('a_b_c_.txt');
  });

  it('escapes Windows-reserved names, with or without an extension', () => {
    expect(safeFileName('CON')).toBe('_CON');
    expect(safeFileName('con.txt')).toBe('_con.txt');
    expect(safeFileName('PRN.tar.gz')).toBe('_PRN.tar.gz');
    expect(safeFileName('COM1')).toBe('_COM1');
    expect(safeFileName('lpt9.log')).toBe('_lpt9.log');
    expect(safeFileName('CONSOLE.txt')).toBe('CONSOLE.txt');
  });

  it('trims trailing dots and spaces', () => {
    expect(safeFileName('trailing.dots...')).toBe('trailing.dots');
    expect(safeFileName('aux ')).toBe('_aux');
  });

  it('caps names at 255 UTF-8 bytes without splitting a character, keeping the extension', () => {
    const long = safeFileName('中'.repeat(120) + '.pdf');
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(255);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(long).not.toContain('\uFFFD');
    const emoji = safeFileName('😀'.repeat(100));
    expect(Buffer.byteLength(emoji)).toBe(252);
    expect(safeFileName('x'.repeat(50), { maxBytes: 20 })).toBe('x'.repeat(20));
  });

  it('produces names that are safe by every rule, for every hostile name', () => {
    for (const name of HOSTILE) {
      const safe = safeFileName(name);
      expect(safe.length).toBeGreaterThan(0);
      expect(safe).not.toMatch(/[/\\\0-\x1f<>:"|?*\u202e]/);
      expect(['.', '..']).not.toContain(safe);
      expect(safe).not.toMatch(/[. ]$/);
      expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(255);
      expect(safe.split('.')[0]?.trim()).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
    }
  });
});

describe('numberedName and isInside', () => {
  it('numbers before the extension', () => {
    expect(numberedName('report.pdf', 1)).toBe('report (1).pdf');
    expect(numberedName('archive', 12)).toBe('archive (12)');
    expect(numberedName('.bashrc', 2)).toBe('.bashrc (2)');
    expect(numberedName('a.txt.pigeon-part', 3)).toBe('a.txt (3).pigeon-part');
    expect(Buffer.byteLength(numberedName('y'.repeat(255), 7))).toBeLessThanOrEqual(255);
  });

  it('tells inside from outside', () => {
    expect(isInside('/dl', '/dl/a')).toBe(true);
    expect(isInside('/dl', '/dl/a/b')).toBe(true);
    expect(isInside('/dl', '/dl')).toBe(false);
    expect(isInside('/dl', '/dl/../etc')).toBe(false);
    expect(isInside('/dl', '/dlx/a')).toBe(false);
  });
});

describe('writing hostile names into a real folder', () => {
  let root: string;
  let downloads: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'pigeon-safe-name-'));
    downloads = join(root, 'downloads');
    await mkdir(join(downloads, 'inner'), { recursive: true });
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it(`keeps all ${HOSTILE.length} hostile names inside the download folder, each its own file`, async () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
    const written: string[] = [];
    for (const [i, name] of HOSTILE.entries()) {
      const path = await uniquePath(downloads, safeFileName(name));
      await writeFile(path, `content ${i}`);
      written.push(path);
    }
    for (const path of written) {
      expect(resolve(dirname(path))).toBe(resolve(downloads));
      expect(isInside(downloads, path)).toBe(true);
    }
    // Every file holds what was written to it: nothing was overwritten.
    for (const [i, path] of written.entries()) {
      expect(await readFile(path, 'utf8')).toBe(`content ${i}`);
    }
    expect(new Set(written).size).toBe(HOSTILE.length);
    // Nothing appeared anywhere else: the temp root holds only the download folder, which
    // holds only our files and the untouched subfolder.
    expect(await readdir(root)).toEqual(['downloads']);
    expect((await readdir(downloads)).sort()).toEqual(
      [...written.map((p) => p.slice(downloads.length + 1)), 'inner'].sort(),
    );
    expect(await readdir(join(downloads, 'inner'))).toEqual([]);
  });

  it('never overwrites: " (1)", " (2)" … and concurrent callers never share a name', async () => {
    await writeFile(join(downloads, 'a.txt'), 'original');
    const paths = await Promise.all(
      Array.from({ length: 12 }, () => uniquePath(downloads, 'a.txt')),
    );
    expect(new Set(paths).size).toBe(12);
    expect(paths).toContain(join(downloads, 'a (1).txt'));
    expect(paths).toContain(join(downloads, 'a (12).txt'));
    expect(await readFile(join(downloads, 'a.txt'), 'utf8')).toBe('original');
  });

  it('treats an existing folder as taken, and hands back an open handle', async () => {
    const { path, handle } = await openUnique(downloads, 'inner');
    await handle.writeFile('x');
    await handle.close();
    expect(path).toBe(join(downloads, 'inner (1)'));
    expect((await stat(join(downloads, 'inner'))).isDirectory()).toBe(true);
  });

  it('creates unique folders the same way', async () => {
    expect(await uniqueDirectory(downloads, 'inner')).toBe(join(downloads, 'inner (1)'));
    expect(await uniqueDirectory(downloads, 'inner')).toBe(join(downloads, 'inner (2)'));
    expect(await uniqueDirectory(downloads, 'new')).toBe(join(downloads, 'new'));
  });
});
