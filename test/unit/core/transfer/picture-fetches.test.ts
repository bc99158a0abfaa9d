import { describe, expect, it } from 'vitest';
import { PictureFetches } from '../../../../src-main/core/transfer/incoming/picture-fetches';

const picture = (peerId: string, totalBytes: number) => ({
  conversationId: peerId,
  peerId,
  totalBytes,
});

describe('pictures fetched unasked', () => {
  it('only from a conversation the user wrote in', () => {
    const fetches = new PictureFetches({ chattedWith: (id) => id === 'bob@h', now: () => 0 });
    expect(fetches.admit(picture('bob@h', 10))).toBe(true);
    expect(fetches.admit(picture('eve@h', 10))).toBe(false);
  });

  it('within a per-peer and a total budget, which frees up as the window passes', () => {
    let now = 0;
    const fetches = new PictureFetches({
      chattedWith: () => true,
      now: () => now,
      budget: { perPeerBytes: 100, totalBytes: 150, perPeerCount: 3, windowMs: 1000 },
    });
    expect(fetches.admit(picture('a', 60))).toBe(true);
    expect(fetches.admit(picture('a', 60))).toBe(false); // 120 > 100 for one peer
    expect(fetches.admit(picture('b', 60))).toBe(true);
    expect(fetches.admit(picture('c', 60))).toBe(false); // 180 > 150 in all
    expect(fetches.admit(picture('c', 30))).toBe(true);
    expect(fetches.admit(picture('c', 1))).toBe(false); // 151 > 150
    now = 1000;
    expect(fetches.admit(picture('c', 100))).toBe(true);
    expect(fetches.admit(picture('c', 0))).toBe(true);
    expect(fetches.admit(picture('c', 0))).toBe(true);
    expect(fetches.admit(picture('c', 0))).toBe(false); // three pictures from c already
  });

  it('runs a few at once, the rest in turn', async () => {
    const fetches = new PictureFetches({
      chattedWith: () => true,
      now: () => 0,
      budget: { atOnce: 2 },
    });
    let running = 0;
    let most = 0;
    let done = 0;
    const finished = new Promise<void>((resolve) => {
      for (let i = 0; i < 7; i++) {
        fetches.run(async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 5));
          running -= 1;
          done += 1;
          if (done === 7) resolve();
          if (i === 3) throw new Error('a failed fetch frees its place too');
        });
      }
    });
    await finished;
    expect(most).toBe(2);
  });
});
