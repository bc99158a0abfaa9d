import { describe, expect, it } from 'vitest';
import { AvatarFetches } from '../../../../src-main/core/avatars/avatar-fetches';

const FROM = { address: '10.0.0.2', port: 2425 };
const hashOf = (n: number) => n.toString(16).padStart(16, '0');

/** Fetches that wait until the test settles them. */
function harness(limits = {}) {
  let clock = 0;
  const started: { peer: string; hash: string; settle: (kept: boolean) => void }[] = [];
  const fetched: string[] = [];
  const fetches = new AvatarFetches({
    fetch: (from, hash) =>
      new Promise((resolve) =>
        started.push({ peer: from.address, hash, settle: (kept) => resolve(kept) }),
      ),
    fetched: (peerId, hash) => fetched.push(`${peerId} ${hash}`),
    limits,
    now: () => clock,
  });
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return { fetches, started, fetched, tick, advance: (ms: number) => (clock += ms) };
}

describe('avatar fetches', () => {
  it('runs one fetch per peer; the hash named last is fetched next, the ones between never', async () => {
    const { fetches, started, fetched, tick } = harness();
    fetches.want('bob', FROM, hashOf(1));
    fetches.want('bob', FROM, hashOf(2));
    fetches.want('bob', FROM, hashOf(3));
    expect(started.map((s) => s.hash)).toEqual([hashOf(1)]);
    started[0]!.settle(true);
    await tick();
    expect(fetched).toEqual([`bob ${hashOf(1)}`]);
    expect(started.map((s) => s.hash)).toEqual([hashOf(1), hashOf(3)]);
  });

  it('runs a few at once in all and starts the waiting ones as others end', async () => {
    const { fetches, started, tick } = harness({ concurrent: 2 });
    ['a', 'b', 'c'].forEach((peer, n) => fetches.want(peer, FROM, hashOf(n + 1)));
    expect(started).toHaveLength(2);
    started[0]!.settle(false);
    await tick();
    expect(started).toHaveLength(3);
  });

  it('leaves a failed hash alone for a while, whoever names it', async () => {
    const { fetches, started, tick, advance } = harness();
    fetches.want('bob', FROM, hashOf(1));
    started[0]!.settle(false);
    await tick();
    fetches.want('carol', FROM, hashOf(1));
    expect(started).toHaveLength(1);
    advance(11 * 60_000);
    fetches.want('carol', FROM, hashOf(1));
    expect(started).toHaveLength(2);
  });

  it('forgets the oldest failure first, counting a hash that failed again as new', async () => {
    const many = { concurrent: 10_000, perPeerPerHour: 10_000, totalPerHour: 10_000 };
    const { fetches, started, tick, advance } = harness(many);
    const failAll = async (hashes: number[]) => {
      for (const n of hashes) fetches.want(`p${n}`, FROM, hashOf(n));
      for (const fetch of started.splice(0)) fetch.settle(false);
      await tick();
    };
    await failAll([0]);
    advance(11 * 60_000);
    // With these, failures remembered reach their bound: 2,000 (MAX_WAITING).
    await failAll(Array.from({ length: 1999 }, (_, n) => n + 1));
    await failAll([0]);
    await failAll([2000]);
    // Hash 0 failed again last; hash 1 is now the oldest failure, so it is the one forgotten.
    fetches.want('p0', FROM, hashOf(0));
    expect(started).toHaveLength(0);
    fetches.want('p1', FROM, hashOf(1));
    expect(started.map((s) => s.hash)).toEqual([hashOf(1)]);
  });

  it('keeps to the budget per peer and in all per hour', async () => {
    const { fetches, started, tick, advance } = harness({ perPeerPerHour: 2, totalPerHour: 3 });
    for (let n = 1; n <= 4; n += 1) {
      fetches.want('bob', FROM, hashOf(n));
      started.at(-1)?.settle(false);
      await tick();
    }
    expect(started).toHaveLength(2);
    fetches.want('carol', FROM, hashOf(9));
    started.at(-1)!.settle(false);
    await tick();
    fetches.want('dave', FROM, hashOf(10));
    expect(started).toHaveLength(3);
    // A new hour, a new budget.
    advance(61 * 60_000);
    fetches.want('dave', FROM, hashOf(10));
    expect(started).toHaveLength(4);
  });
});
