import { describe, expect, it } from 'vitest';
import { MAX_PEERS } from '../../src-main/core/discovery/peer-directory';
import { FAST, rawSocket, sendRaw, startCores, waitFor, type TestCore } from './support/cores';

const PORT = 2443;
const FLOOD = 5000;
const BR_ENTRY = 0x1;
const ANSENTRY = 0x3;
const CAPUTF8OPT = 0x1000000;

describe('a flood of made-up entries from one address', () => {
  it('is never answered with more than it sent, fills no more than the cap, and chat goes on', async () => {
    // Quick age-out, so silent peers are probed during the test as they would be over hours.
    // Entries get the general per-address budget here, so that every made-up name reaches
    // the directory and its cap and the answer limit are what is tested.
    const cores = await startCores(['127.0.0.70', '127.0.0.71'], PORT, {
      timing: { ...FAST, ageOutMs: 2000 },
      presenceLimit: { perSecond: 2000, burst: 4000 },
    });
    const [a, b] = cores as [TestCore, TestCore];
    const { socket, received } = await rawSocket('127.0.0.72', PORT);

    // Half ask "who is there" (BR_ENTRY), half answer as if asked (ANSENTRY, UTF-8 capable);
    // paced under the per-address rate limit, so every one is taken in.
    for (let i = 0; i < FLOOD; i++) {
      const mode = i % 2 === 0 ? BR_ENTRY : ANSENTRY | CAPUTF8OPT;
      await sendRaw(socket, `1:${i + 1}:u${i}:h${i}:${mode}:Fake ${i}\0g\0`, '127.0.0.70', PORT);
      if (i % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 60));
    }
    // Long enough for delayed answers and a few rounds of probing the silent ones.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    expect(received.length).toBeLessThanOrEqual(FLOOD);
    const peers = a.core.snapshot().peers;
    expect(peers.length).toBeLessThanOrEqual(MAX_PEERS);

    // Bob, a real peer, may have made room for newer strangers; asked again, he is there.
    a.core.refreshPeers();
    const bob = await waitFor(
      () => a.core.snapshot().peers.find((p) => p.id === 'user2@host2' && p.status === 'online'),
      5000,
      'Bob at Alice',
    );
    const conversation = a.core.openConversation(bob.id);
    a.core.sendMessage({ conversationId: conversation, text: 'still here' });
    await waitFor(
      () =>
        a.events.find(
          (e) =>
            e.type === 'message' &&
            e.message.direction === 'out' &&
            e.message.state === 'delivered',
        ),
      5000,
      'the message delivered',
    );
    expect(b.core.listMessages({ conversationId: 'user1@host1' }).map((m) => m.text)).toEqual([
      'still here',
    ]);
  }, 60_000);
});
