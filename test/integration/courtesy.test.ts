import { describe, expect, it } from 'vitest';
import { rawSocket, sendRaw, startCores, waitFor, type TestCore } from './support/cores';

const PORT = 2429;

describe('away messages and typing', () => {
  it('answers once while away, marked as automatic, and two away users never ping-pong', async () => {
    const cores = await startCores(['127.0.0.40', '127.0.0.41'], PORT);
    const [a, b] = cores as [TestCore, TestCore];
    await waitFor(() =>
      a.core.snapshot().peers.some((p) => p.id === 'user2@host2' && p.status === 'online'),
    );
    b.core.updateProfile({ status: 'away', autoReply: '开会中，稍后回复' });
    a.core.updateProfile({ status: 'away', autoReply: 'Out for lunch' });
    await waitFor(
      () => a.core.snapshot().peers.find((p) => p.id === 'user2@host2')?.status === 'away',
      2000,
      'away',
    );

    a.core.sendMessage({
      conversationId: a.core.openConversation('user2@host2'),
      text: 'are you free?',
    });
    a.core.sendMessage({ conversationId: 'user2@host2', text: 'ping again' });
    const fromB = () =>
      a.core.listMessages({ conversationId: 'user2@host2' }).filter((m) => m.direction === 'in');
    await waitFor(() => fromB().length === 1, 3000, 'auto reply');
    expect(fromB()[0]?.text).toBe('开会中，稍后回复');
    await new Promise((r) => setTimeout(r, 600));
    // Once per peer in a while, and A (also away) did not answer B's automatic reply.
    expect(fromB()).toHaveLength(1);
    expect(b.core.listMessages({ conversationId: 'user1@host1' }).map((m) => m.text)).toEqual([
      'are you free?',
      'ping again',
    ]);
  });

  it("shows a FeiQ peer's typing and tells Pigeon peers and FeiQ, but not others", async () => {
    const cores = await startCores(['127.0.0.42', '127.0.0.43'], PORT);
    const [a, b] = cores as [TestCore, TestCore];
    const { socket, received } = await rawSocket('127.0.0.44', PORT);
    const n = Math.floor(Date.now() / 1000);
    const feiq = '1_lbt6_0#128#001122AABBCC#0#0#0#4001#9';
    await sendRaw(socket, `${feiq}:${n}:fq:fqpc:${0x200001}:FeiQ\0dev\0`, '127.0.0.42', PORT);
    await waitFor(
      () => a.core.snapshot().peers.some((p) => p.id === 'fq@fqpc' && p.client === 'feiq'),
      2000,
      'FeiQ',
    );
    await sendRaw(socket, `${feiq}:${n + 1}:fq:fqpc:${0x79}:`, '127.0.0.42', PORT);
    await waitFor(() =>
      a.events.some((e) => e.type === 'typing' && e.conversationId === 'fq@fqpc' && e.typing),
    );
    await sendRaw(socket, `${feiq}:${n + 2}:fq:fqpc:${0x7a}:`, '127.0.0.42', PORT);
    await waitFor(() =>
      a.events.some((e) => e.type === 'typing' && e.conversationId === 'fq@fqpc' && !e.typing),
    );

    a.core.setTyping({ conversationId: a.core.openConversation('fq@fqpc'), typing: true });
    await waitFor(
      () => received.some((d) => (Number(d.toString('latin1').split(':')[4]) & 0xff) === 0x79),
      2000,
      'typing to FeiQ',
    );
    await waitFor(() => a.core.snapshot().peers.some((p) => p.id === 'user2@host2'));
    a.core.setTyping({ conversationId: 'user2@host2', typing: true });
    await waitFor(
      () =>
        b.events.some((e) => e.type === 'typing' && e.conversationId === 'user1@host1' && e.typing),
      2000,
      'typing at B',
    );
    expect(a.core.stats().dropped.unknownCommand).toBe(0);
  });
});
