import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepAside } from '../../../../src-main/core/store/keep-aside';
import { StoreError } from '../../../../src-main/core/store/store-error';
import { tempFile } from './helpers';

describe('keepAside', () => {
  it('moves the file and its journal files together, under one name', () => {
    const file = tempFile();
    writeFileSync(file, 'main');
    writeFileSync(`${file}-wal`, 'wal');
    writeFileSync(`${file}-shm`, 'shm');
    const aside = keepAside(file, Date.UTC(2026, 10, 22, 14, 3, 5, 250));
    expect(aside).toBe(`${file}.corrupt-2026-11-22T14-03-05-250Z`);
    expect(readFileSync(aside, 'utf8')).toBe('main');
    expect(readFileSync(`${aside}-wal`, 'utf8')).toBe('wal');
    expect(readFileSync(`${aside}-shm`, 'utf8')).toBe('shm');
    expect(readdirSync(path.dirname(file)).sort()).toEqual(
      [aside, `${aside}-shm`, `${aside}-wal`].map((name) => path.basename(name)).sort(),
    );
  });

  it('picks a new name rather than replace an earlier file kept aside', () => {
    const file = tempFile();
    writeFileSync(file, 'one');
    const first = keepAside(file, 0);
    writeFileSync(file, 'two');
    const second = keepAside(file, 0);
    expect(second).not.toBe(first);
    expect(readFileSync(first, 'utf8')).toBe('one');
    expect(readFileSync(second, 'utf8')).toBe('two');
  });

  it('says plainly when the file cannot be moved', () => {
    const file = tempFile();
    expect(() => keepAside(file, 0)).toThrow(StoreError);
    expect(() => keepAside(file, 0)).toThrow(/could not move it aside/);
  });
});
