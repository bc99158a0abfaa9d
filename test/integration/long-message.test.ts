import { describe, expect, it } from 'vitest';
import { rawSocket, sendRaw, startCores, waitFor, type TestCore } from './support/cores';

const PORT = 2425;

const peerNamed = (c: TestCore, nickname: string) =>
  c.core.snapshot().peers.find((p) => p.nickname === nickname && p.status !== 'offline');

/** A log as people paste it: numbered lines of mixed text, 220 of them. */
const log220 = Array.from(
  { length: 220 },
  (_, i) =>
    `2026-12-05 09:${String(i % 60).padStart(2, '0')} [worker-${i % 7}] 第 ${i + 1} 行 step ok`,
).join('\n');

describe('long text between Pigeons', () => {
  it('arrives as one message, stored and searchable as one (a 220-line log, 15,000 characters)', async () => {
    const [a, b] = (await startCores(['127.0.0.211', '127.0.0.212'], PORT)) as [TestCore, TestCore];
    const bAtA = await waitFor(() => peerNamed(a, 'Peer 2'), 5000, 'B at A');
    const conversation = a.core.openConversation(bAtA.id);
    const fifteenK = Array.from({ length: 15_000 }, (_, i) => 'abcdefghij长'[i % 11]).join('');
    // Both need more than one datagram: the test is meaningless otherwise.
    expect(Buffer.byteLength(log220)).toBeGreaterThan(8192);
    expect(Buffer.byteLength(fifteenK)).toBeGreaterThan(8192 * 2);

    for (const text of [log220, fifteenK]) {
      const sent = a.core.sendMessage({ conversationId: conversation, text });
      expect(sent).toHaveLength(1);
    }
    const atB = () => b.core.listMessages({ conversationId: 'user1@host1' });
    await waitFor(() => atB().length === 2, 5000, 'two messages at B');
    // Give any stray part time to arrive as an extra bubble.
    await new Promise((r) => setTimeout(r, 300));
    expect(atB().map((m) => m.text)).toEqual([log220, fifteenK]);
    const shown = b.events.filter((e) => e.type === 'message' && e.message.direction === 'in');
    expect(shown).toHaveLength(2);

    await waitFor(
      () =>
        a.core.listMessages({ conversationId: conversation }).every((m) => m.state === 'delivered'),
      5000,
      'both delivered at A',
    );
    // Line 133 and 134 were the old cut; a search across it finds the one message.
    const across = log220.split('\n').slice(132, 134).join('\n').slice(-40, -10);
    const hits = b.core.searchMessages({ query: 'step ok\n2026', limit: 10 });
    expect(hits.filter((h) => h.message.text === log220)).toHaveLength(1);
    expect(atB()[0]?.text.includes(across)).toBe(true);
  });

  it('still goes to other clients as separate messages, with no Pigeon marker', async () => {
    const [a] = (await startCores(['127.0.0.213'], PORT)) as [TestCore];
    const { socket, received } = await rawSocket('127.0.0.214', PORT);
    await sendRaw(
      socket,
      `1_iptux 0.8.3:${Math.floor(Date.now() / 1000)}:tux:box:1:Tux\0qa\0icon-tux.png\0utf-8\0`,
      '127.0.0.213',
      PORT,
    );
    const peer = await waitFor(
      () => a.core.snapshot().peers.find((p) => p.id === 'tux@box'),
      3000,
      'iptux-like peer',
    );
    const parts = a.core.sendMessage({
      conversationId: a.core.openConversation(peer.id),
      text: log220,
    });
    expect(parts.length).toBeGreaterThan(1);
    const sends = () =>
      received.filter((bytes) => (Number(bytes.toString('latin1').split(':')[4]) & 0xff) === 0x20);
    await waitFor(() => sends().length >= parts.length, 3000, 'every part');
    for (const bytes of sends()) {
      expect(bytes.includes(Buffer.from('PIGEONPART'))).toBe(false);
      expect(bytes.length).toBeLessThanOrEqual(8192);
    }
  });
});

describe('the parts of a long message from another Pigeon', () => {
  const SENDMSG_CONFIRM = 0x20 | 0x100; // SENDMSG with SENDCHECKOPT
  const RECVMSG = 0x21;
  const partOf = (packetNo: number, group: number, index: number, text: string): string =>
    `1_pigeon:${packetNo}:me:box:${SENDMSG_CONFIRM}:${text}\0PIGEONPART:${group}:${index}:2\0`;
  const acknowledged = (received: Buffer[]): number[] =>
    received
      .map((bytes) => bytes.toString('latin1').split(':'))
      .filter((fields) => (Number(fields[4]) & 0xff) === RECVMSG)
      .map((fields) => Number(fields[5]?.split('\0')[0]));

  it('are acknowledged only once the whole message is stored, never with a hole', async () => {
    const [a] = (await startCores(['127.0.0.215'], PORT)) as [TestCore];
    const { socket, received } = await rawSocket('127.0.0.216', PORT);
    const to = (text: string) => sendRaw(socket, text, '127.0.0.215', PORT);
    await to(`1_pigeon:500:me:box:1:Box\0qa\0`);
    await waitFor(() => a.core.snapshot().peers.find((p) => p.id === 'me@box'), 3000, 'peer');

    // The first part, twice (a retry): held, and not acknowledged, as the rest is missing.
    await to(partOf(601, 601, 0, 'first half, '));
    await to(partOf(601, 601, 0, 'first half, '));
    await new Promise((r) => setTimeout(r, 400));
    expect(acknowledged(received)).toEqual([]);
    expect(a.core.listMessages({ conversationId: 'me@box' })).toEqual([]);

    // The second part: the whole is stored, then both parts are acknowledged.
    await to(partOf(602, 601, 1, 'second half'));
    await waitFor(() => acknowledged(received).length >= 2, 3000, 'acknowledgements');
    expect([...new Set(acknowledged(received))].sort()).toEqual([601, 602]);
    expect(a.core.listMessages({ conversationId: 'me@box' }).map((m) => m.text)).toEqual([
      'first half, second half',
    ]);

    // A late retry of a part of a stored message is acknowledged again and not shown twice.
    received.length = 0;
    await to(partOf(602, 601, 1, 'second half'));
    await waitFor(() => acknowledged(received).includes(602), 3000, 'acknowledged again');
    expect(a.core.listMessages({ conversationId: 'me@box' })).toHaveLength(1);
  });
});
