import { describe, expect, it } from 'vitest';
import { rawSocket, sendRaw, startCores, waitFor, type TestCore } from './support/cores';

// A peer sending faster than the rate limit: what is over it is neither acknowledged nor
// kept (its sender retries or reports failure), and the receiver is told once.
const PORT = 2425;
const SENDMSG_CONFIRM = 0x20 | 0x100;
const RECVMSG = 0x21;

describe('a peer sending faster than Pigeon accepts', () => {
  it('is told once in its chat, and every acknowledged message is kept', async () => {
    const [a] = (await startCores(['127.0.0.241'], PORT, {
      rateLimit: { perSecond: 20, burst: 40 },
    })) as [TestCore];
    const { socket, received } = await rawSocket('127.0.0.242', PORT);
    const to = (text: string) => sendRaw(socket, text, '127.0.0.241', PORT);
    await to(`1_pigeon:900:bob:box:1:Bob\0qa\0`);
    await waitFor(() => a.core.snapshot().peers.find((p) => p.id === 'bob@box'), 3000, 'Bob');

    const sent = 300;
    for (let i = 1; i <= sent; i += 1) {
      await to(`1_pigeon:${1000 + i}:bob:box:${SENDMSG_CONFIRM}:message ${i}\0`);
    }
    const acknowledged = () =>
      new Set(
        received
          .map((bytes) => bytes.toString('latin1').split(':'))
          .filter((fields) => (Number(fields[4]) & 0xff) === RECVMSG)
          .map((fields) => Number(fields[5]?.split('\0')[0])),
      );
    await waitFor(
      () => a.core.listMessages({ conversationId: 'bob@box', limit: 500 }).length > 0,
      3000,
      'the first messages',
    );
    await new Promise((r) => setTimeout(r, 300));
    const kept = a.core.listMessages({ conversationId: 'bob@box', limit: 500 });
    // Some were refused, and exactly those kept were acknowledged: none acknowledged and lost.
    expect(kept.length).toBeLessThan(sent);
    expect(acknowledged().size).toBe(kept.length);
    const refused = a.events.filter((e) => e.type === 'peer-refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ type: 'peer-refused', peerId: 'bob@box' });
  });
});
