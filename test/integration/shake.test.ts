// Two real cores: a shake arrives as a line in the shaken one's chat (kept in the
// history) with a 'shake' event, and a second shake within 10 s is refused at the sender.
import { describe, expect, it } from 'vitest';
import { readGroupNotice } from '../../src-shared/contract/group-notice';
import { startCores, waitFor, type TestCore } from './support/cores';

const PORT = 2473;

describe('window shakes between two Pigeons', () => {
  it('arrives as a stored line and an event; the second within 10 s is refused', async () => {
    const [a, b] = (await startCores(['127.0.16.2', '127.0.16.3'], PORT)) as [TestCore, TestCore];
    await waitFor(
      () => a.core.snapshot().peers.some((p) => p.id === 'user2@host2' && p.status === 'online'),
      3000,
      'B online at A',
    );
    const first = a.core.shake({ peerId: 'user2@host2' });
    expect(first.nextAt - first.at).toBe(10_000);

    const lines = () =>
      b.core.listMessages({ conversationId: 'user1@host1' }).filter((m) => m.state === 'notice');
    await waitFor(() => lines().length === 1, 3000, 'line at B');
    expect(readGroupNotice(lines()[0]!.text)).toMatchObject({ kind: 'shook', by: 'user1@host1' });
    expect(b.events.some((e) => e.type === 'shake' && e.peerId === 'user1@host1')).toBe(true);

    expect(() => a.core.shake({ peerId: 'user2@host2' })).toThrow(/again in \d+ s/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lines()).toHaveLength(1);
  });
});
