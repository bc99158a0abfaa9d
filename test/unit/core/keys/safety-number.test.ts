import { describe, expect, it } from 'vitest';
import { generateIdentity } from '../../../../src-main/core/keys/identity';
import {
  fingerprintGroups,
  safetyNumberGroups,
} from '../../../../src-main/core/keys/safety-number';

describe('safety numbers', () => {
  it('are 12 groups of 5 digits, the same on both sides', () => {
    const a = generateIdentity().publicKeys.signing;
    const b = generateIdentity().publicKeys.signing;
    const fromA = safetyNumberGroups(a, b);
    expect(fromA).toHaveLength(12);
    for (const group of fromA) expect(group).toMatch(/^\d{5}$/);
    expect(safetyNumberGroups(b, a)).toEqual(fromA);
    // Each side's own fingerprint is one half of it.
    const halves = [fromA.slice(0, 6), fromA.slice(6)];
    expect(halves).toContainEqual(fingerprintGroups(a));
    expect(halves).toContainEqual(fingerprintGroups(b));
  });

  it('change with either key', () => {
    const a = generateIdentity().publicKeys.signing;
    const b = generateIdentity().publicKeys.signing;
    const c = generateIdentity().publicKeys.signing;
    expect(safetyNumberGroups(a, c)).not.toEqual(safetyNumberGroups(a, b));
    expect(fingerprintGroups(a)).not.toEqual(fingerprintGroups(b));
  });

  it('match a golden vector', () => {
    expect(fingerprintGroups(Buffer.alloc(32, 1)).join(' ')).toBe(
      '82263 16194 82801 03754 70217 17211',
    );
  });
});
