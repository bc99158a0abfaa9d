import { describe, expect, it } from 'vitest';
import {
  ANSWER_DELAY_MIN_MS,
  answerDelayBoundMs,
  answerDelayMs,
} from '../../../../src-main/core/discovery/answer-delay';

describe('the entry answer delay', () => {
  it('is a few milliseconds on a small LAN', () => {
    expect(answerDelayBoundMs(0, 1000)).toBe(ANSWER_DELAY_MIN_MS);
    expect(answerDelayBoundMs(3, 1000)).toBe(3);
    expect(answerDelayBoundMs(10, 1000)).toBe(10);
  });

  it('spreads answers about one per millisecond as the LAN grows', () => {
    expect(answerDelayBoundMs(50, 1000)).toBe(50);
    expect(answerDelayBoundMs(400, 1000)).toBe(400);
  });

  it('never waits beyond the configured cap, however many hosts', () => {
    expect(answerDelayBoundMs(1000, 1000)).toBe(1000);
    expect(answerDelayBoundMs(100_000, 1000)).toBe(1000);
    expect(answerDelayBoundMs(50, 20)).toBe(20);
    expect(answerDelayBoundMs(50, 0)).toBe(0);
  });

  it('draws the delay below the bound', () => {
    expect(answerDelayMs(50, 1000, () => 0)).toBe(0);
    expect(answerDelayMs(50, 1000, () => 0.5)).toBe(25);
    expect(answerDelayMs(50, 1000, () => 0.999999)).toBe(49);
    expect(answerDelayMs(5000, 1000, () => 0.999999)).toBe(999);
  });
});
