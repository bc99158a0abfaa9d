import { describe, expect, it } from 'vitest';
import { cleanSignature, MAX_SIGNATURE_CHARS } from '../../../src-shared/contract';

describe('cleanSignature', () => {
  it('makes one line without control or bidi characters', () => {
    expect(cleanSignature('  a\r\nb\u0000c\u202ed\u2028e\t f  ')).toBe('a b c d e f');
  });

  it('keeps at most the settings limit in UTF-16 units, never half an emoji', () => {
    const emoji = cleanSignature('😀'.repeat(80));
    expect(emoji.length).toBeLessThanOrEqual(MAX_SIGNATURE_CHARS);
    expect(emoji).toBe('😀'.repeat(MAX_SIGNATURE_CHARS / 2));
    expect(cleanSignature(`x${'😀'.repeat(60)}`)).toBe(`x${'😀'.repeat(49)}`);
    expect(cleanSignature('字'.repeat(300))).toHaveLength(MAX_SIGNATURE_CHARS);
  });
});
