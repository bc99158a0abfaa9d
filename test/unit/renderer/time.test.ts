// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { formatStamp, needsTimeStamp, stampsFor } from '../../../src-renderer/format/time';

const words = { yesterday: (time: string) => `Yesterday ${time}` };
const now = new Date(2024, 5, 12, 15, 0).getTime(); // Wednesday 12 June 2024

describe('QQ-style time stamps', () => {
  it('shows only the time today, “Yesterday” the day before', () => {
    expect(formatStamp(new Date(2024, 5, 12, 9, 5).getTime(), now, 'en', words)).toBe('09:05');
    expect(formatStamp(new Date(2024, 5, 11, 23, 59).getTime(), now, 'en', words)).toBe(
      'Yesterday 23:59',
    );
  });

  it('names the weekday within a week, the date within the year, the year before', () => {
    expect(formatStamp(new Date(2024, 5, 8, 10, 0).getTime(), now, 'en', words)).toBe(
      'Saturday 10:00',
    );
    expect(formatStamp(new Date(2024, 2, 5, 10, 0).getTime(), now, 'zh-CN', words)).toBe(
      '3月5日 10:00',
    );
    expect(formatStamp(new Date(2023, 11, 31, 10, 0).getTime(), now, 'en', words)).toBe(
      '12/31/2023 10:00',
    );
  });

  it('stamps the first message and any after a pause of five minutes', () => {
    expect(needsTimeStamp(undefined, 0)).toBe(true);
    expect(needsTimeStamp(0, 299_999)).toBe(false);
    expect(needsTimeStamp(0, 300_000)).toBe(true);
    const base = new Date(2024, 5, 12, 9, 0).getTime();
    const stamps = stampsFor([base, base + 60_000, base + 400_000], now, 'en', words);
    expect(stamps).toEqual(['09:00', undefined, '09:06']);
  });
});
