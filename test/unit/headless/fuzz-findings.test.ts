// What the coverage-guided fuzzer (test/fuzz) found in the gateway's upload paths, kept
// as regressions: a name that merely starts with two dots was taken for a climb; and one
// the property tests found in the name sanitiser.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInside, safeFileName } from '../../../src-main/core/transfer/safe-name';
import { resolveUploadTarget } from '../../../src-main/headless/upload-target';

const STAGING = path.resolve('/pigeon-data/staging');

describe('isInside', () => {
  it('takes a name starting with two dots for a name', () => {
    expect(isInside('/d', '/d/..2024')).toBe(true);
    expect(isInside('/d', '/d/..2024/a.txt')).toBe(true);
    expect(isInside('/d', '/d/...')).toBe(true);
  });

  it('still refuses what climbs out or is the folder itself', () => {
    expect(isInside('/d', '/d/../e')).toBe(false);
    expect(isInside('/d', '/d/..')).toBe(false);
    expect(isInside('/d', '/d')).toBe(false);
    expect(isInside('/d', '/e/..2024')).toBe(false);
  });
});

describe('an upload into a folder whose name starts with two dots', () => {
  it('is staged inside its batch (the fuzzer found it refused)', () => {
    const params = new URLSearchParams({
      batch: 'abcdef012345',
      relative: '..2024/a.jpg',
      offset: '0',
    });
    const target = resolveUploadTarget(STAGING, params);
    expect(target.file).toBe(path.join(STAGING, 'abcdef012345', '..2024', 'a.jpg'));
    expect(target.item).toBe(path.join(STAGING, 'abcdef012345', '..2024'));
  });
});

describe('safeFileName, found by the property tests', () => {
  it('never leaves a Windows-reserved name after cutting to fit', () => {
    // 'CON¡.' is cut to 'CON' to make room for the extension: 'CON.CON𐀀𐀀' is reserved.
    const safe = safeFileName('CON¡..CON𐀀𐀀', { maxBytes: 16 });
    expect(safe).toBe('_CON.CON𐀀𐀀');
    expect(safeFileName(safe, { maxBytes: 16 })).toBe(safe);
  });
});
