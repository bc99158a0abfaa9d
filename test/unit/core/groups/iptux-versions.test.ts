import { describe, expect, it } from 'vitest';
import { iptuxShowsGroupMessages } from '../../../../src-main/core/groups/iptux-versions';

describe('which iptux shows a group message (0xFB with GROUP)', () => {
  it('not up to 0.8.4, whose groups by name have no id (iptux PR #675)', () => {
    for (const version of ['1_iptux 0.8.3', '1_iptux 0.8.4', 'iptux 0.7.6', '1_iptux 0.6.3']) {
      expect(iptuxShowsGroupMessages(version)).toBe(false);
    }
  });

  it('from 0.8.5 on, and when the version names no number', () => {
    for (const version of ['1_iptux 0.8.5', '1_iptux 0.9.4', '1_iptux 1.0', '1_iptux', '']) {
      expect(iptuxShowsGroupMessages(version)).toBe(true);
    }
    expect(iptuxShowsGroupMessages(undefined)).toBe(true);
  });
});
