import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mentions } from '../../../../src-shared/contract/mentions';

describe('@mentions', () => {
  it('finds @nickname as a word, in Chinese and English', () => {
    expect(mentions('@小王 看一下', '小王')).toBe(true);
    expect(mentions('请@小王，谢谢', '小王')).toBe(true);
    expect(mentions('cc @Ann', 'Ann')).toBe(true);
    expect(mentions('cc @Anna', 'Ann')).toBe(false);
    expect(mentions('cc @Anna and @Ann.', 'Ann')).toBe(true);
    expect(mentions('小王 without at', '小王')).toBe(false);
    expect(mentions('@', '')).toBe(false);
  });

  it('always finds a mention placed before a space, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string(), (before, name, after) => {
        const nickname = name.trim();
        fc.pre(nickname !== '');
        expect(mentions(`${before}@${nickname} ${after}`, nickname)).toBe(true);
      }),
    );
  });
});
