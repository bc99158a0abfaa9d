import { describe, expect, it } from 'vitest';
import type { MessageDTO, PigeonEvent } from '../../src-shared/contract';
import { createMessengerCore } from '../../src-main/core/messenger';
import { FAST, rawSocket, sendRaw, startCores, waitFor, type TestCore } from './support/cores';

// Two Pigeons meet and remember each other's keys; a third address forging one of them
// is unmasked at once (no probe of the old address); a changed key blocks sending until
// the user accepts it.
const PORT = 2425;
const A = '127.0.0.101';
const B = '127.0.0.102';
const FORGER = '127.0.0.103';
const BOB_ID = 'user2@host2';
const BR_ENTRY_CAPUTF8 = 0x01 | 0x1000000;

const warnings = (c: TestCore, kind: string) =>
  c.events.filter(
    (e): e is Extract<PigeonEvent, { type: 'trust-warning' }> =>
      e.type === 'trust-warning' && e.warning.kind === kind,
  );

async function meet(): Promise<[TestCore, TestCore]> {
  const [a, b] = (await startCores([A, B], PORT, {
    timing: { ...FAST, claimProbeMs: 5000 },
  })) as [TestCore, TestCore];
  await waitFor(() => a.core.getPeerKeys({ peerId: BOB_ID }).state === 'known', 5000, 'B’s key');
  await waitFor(
    () => b.core.getPeerKeys({ peerId: 'user1@host1' }).state === 'known',
    5000,
    'A’s key',
  );
  return [a, b];
}

describe('Pigeon keys between two cores', () => {
  it('show the same safety number on both sides, and a contact can be marked verified', async () => {
    const [a, b] = await meet();
    const atA = a.core.getPeerKeys({ peerId: BOB_ID });
    const atB = b.core.getPeerKeys({ peerId: 'user1@host1' });
    expect(atA.safetyNumber).toHaveLength(12);
    expect(atA.safetyNumber).toEqual(atB.safetyNumber);
    expect(atA.ownFingerprint).toEqual(atB.peerFingerprint);
    expect(atB.ownFingerprint).toEqual(atA.peerFingerprint);
    const bobAtA = () => a.core.snapshot().peers.find((p) => p.id === BOB_ID);
    expect(bobAtA()?.keyVerified).toBeUndefined();
    expect(a.core.setPeerVerified({ peerId: BOB_ID, verified: true }).state).toBe('verified');
    // The contact row says so: the snapshot, and the peer event sent at once.
    expect(bobAtA()?.keyVerified).toBe(true);
    expect(
      a.events.some((e) => e.type === 'peer' && e.peer.id === BOB_ID && e.peer.keyVerified),
    ).toBe(true);
    expect(a.core.getPeerKeys({ peerId: 'nobody@nowhere' }).state).toBe('none');
  });

  it('unmask an unsigned entry from another address at once: the contact stays', async () => {
    const [a] = await meet();
    const { socket } = await rawSocket(FORGER);
    const started = Date.now();
    await sendRaw(socket, `1:777:user2:host2:${BR_ENTRY_CAPUTF8}:Peer 2\0QA\0`, A, PORT);
    await waitFor(() => warnings(a, 'impostor').length > 0, 3000, 'the impostor warning');
    // The old address was never asked (that takes claimProbeMs, 5 s here).
    expect(Date.now() - started).toBeLessThan(4000);
    expect(warnings(a, 'impostor')[0]?.warning).toMatchObject({ peerId: BOB_ID, address: FORGER });
    const bob = a.core.snapshot().peers.find((p) => p.id === BOB_ID);
    expect(bob?.address).toBe(B);
  });

  it('warn of a changed key and send nothing to it until the user accepts it', async () => {
    const [a, b] = await meet();
    const conversationId = a.core.openConversation(BOB_ID);
    await b.core.stop();
    // The same user@host at the same address, with a new identity (a reinstall, or not Bob).
    const again = createMessengerCore({
      nickname: 'Peer 2',
      user: 'user2',
      host: 'host2',
      port: PORT,
      bindAddress: B,
      broadcast: false,
      hosts: [`${A}:${PORT}`],
      timing: FAST,
    });
    const received: MessageDTO[] = [];
    again.onEvent((e) => {
      if (e.type === 'message' && e.message.direction === 'in') received.push(e.message);
    });
    await again.start();
    try {
      await waitFor(() => warnings(a, 'key-changed').length > 0, 5000, 'the key-changed warning');
      expect(a.core.getPeerKeys({ peerId: BOB_ID }).state).toBe('changed');
      expect(() => a.core.sendMessage({ conversationId, text: 'secret plans' })).toThrow(
        /key changed/,
      );
      // 群发 leaves that contact out too, saying why.
      const [copy] = a.core.sendToSeveral({ peerIds: [BOB_ID], text: 'secret plans' });
      expect(copy?.messages).toEqual([]);
      expect(copy?.error).toMatch(/key changed/);
      expect(a.core.acceptPeerKey({ peerId: BOB_ID }).state).toBe('known');
      a.core.sendMessage({ conversationId, text: 'hello again' });
      await waitFor(() => received.some((m) => m.text === 'hello again'), 5000, 'delivery');
      expect(received.some((m) => m.text === 'secret plans')).toBe(false);
    } finally {
      await again.stop();
    }
  });
});
