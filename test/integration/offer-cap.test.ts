// Issue 13: a peer may have only so many offers waiting or moving at once. Past the cap an
// offer is refused where the user sees it (its message kept, the transfer failed with the
// reason), never silently dropped, and nothing is fetched for it.
import { describe, expect, it } from 'vitest';
import { MAX_OPEN_OFFERS_PER_PEER } from '../../src-main/core/transfer/incoming/offer-cap';
import { fakePigeon } from './support/fake-pigeon';
import { startCores, waitFor } from './support/cores';

const PORT = 2453;
const ALICE = '127.0.0.95';

describe('offers from one peer', () => {
  it('past the cap are refused in view: every message kept, the extra transfers failed', async () => {
    const [alice] = await startCores([ALICE], PORT);
    const bob = await fakePigeon('127.0.0.96', PORT, 'bob');
    await bob.announce(ALICE, PORT);
    const extra = 5;
    const count = MAX_OPEN_OFFERS_PER_PEER + extra;
    for (let i = 0; i < count; i++) await bob.offer(ALICE, PORT, 5000 + i, 1000, 'file');
    const list = await waitFor(
      () => {
        const all = alice!.core.listTransfers({ conversationId: bob.id });
        return all.length === count && all;
      },
      10_000,
      'every offer',
    );
    expect(list.filter((t) => t.state === 'offered')).toHaveLength(MAX_OPEN_OFFERS_PER_PEER);
    const refused = list.filter((t) => t.state === 'failed');
    expect(refused).toHaveLength(extra);
    for (const transfer of refused) {
      expect(transfer.error).toMatch(/offers from bob/);
      expect(transfer.retryable).toBe(false);
    }
    expect(alice!.core.listMessages({ conversationId: bob.id, limit: 100 })).toHaveLength(count);

    // Declining one makes room for the next.
    const waiting = list.find((t) => t.state === 'offered')!;
    alice!.core.declineTransfer({ transferId: waiting.id });
    await bob.offer(ALICE, PORT, 6000, 1000, 'file');
    await waitFor(
      () =>
        alice!.core
          .listTransfers({ conversationId: bob.id })
          .find((t) => t.items[0]?.name === 'file6000.bin' && t.state === 'offered'),
      5000,
      'the next offer taken',
    );
  });
});
