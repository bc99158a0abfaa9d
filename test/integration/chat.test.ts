import { describe, expect, it } from 'vitest';
import type { MessageDTO } from '../../src-shared/contract';
import { rawSocket, sendRaw, startCores, waitFor, type TestCore } from './support/cores';

const PORT = 2425;

const peerNamed = (c: TestCore, nickname: string) =>
  c.core.snapshot().peers.find((p) => p.nickname === nickname && p.status !== 'offline');

describe('three cores on loopback addresses', () => {
  it('find each other through a host list, chat, and see a leave', async () => {
    const cores = await startCores(['127.0.0.2', '127.0.0.3', '127.0.0.4'], PORT);
    const [a, b, c] = cores as [TestCore, TestCore, TestCore];

    for (const core of cores) {
      await waitFor(
        () => core.core.snapshot().peers.filter((p) => p.status === 'online').length === 2,
        5000,
        'two peers',
      );
    }
    const bSeenByA = await waitFor(() => peerNamed(a, 'Peer 2'));
    expect(bSeenByA).toMatchObject({
      group: 'QA',
      client: 'pigeon',
      address: '127.0.0.3',
      port: PORT,
      id: 'user2@host2',
    });
    expect(peerNamed(b, 'Peer 1')?.group).toBe('研发');

    const conversation = a.core.openConversation(bSeenByA.id);
    const [sent] = a.core.sendMessage({
      conversationId: conversation,
      text: 'Hello 你好 👋\nsecond line',
    });
    expect(sent?.state).toBe('sending');

    const received = await waitFor(
      () => b.events.find((e) => e.type === 'message' && e.message.direction === 'in'),
      3000,
      'message at B',
    );
    expect(received.type === 'message' && received.message.text).toBe('Hello 你好 👋\nsecond line');
    expect(received.type === 'message' && received.message.conversationId).toBe('user1@host1');

    await waitFor(
      () =>
        a.core.listMessages({ conversationId: conversation }).find((m) => m.state === 'delivered'),
      3000,
      'delivered at A',
    );
    // B's reply travels back the same way.
    const [reply] = b.core.sendMessage({ conversationId: 'user1@host1', text: '收到' });
    await waitFor(() =>
      b.core
        .listMessages({ conversationId: 'user1@host1' })
        .find((m) => m.id === reply?.id && m.state === 'delivered'),
    );
    expect(a.core.listMessages({ conversationId: conversation }).map((m) => m.text)).toEqual([
      'Hello 你好 👋\nsecond line',
      '收到',
    ]);
    expect(a.core.snapshot().conversations.find((x) => x.id === conversation)?.unread).toBe(1);
    expect(a.core.markRead({ conversationId: conversation }).unread).toBe(0);

    // C leaves cleanly: A and B see it offline at once.
    await c.core.stop();
    await waitFor(
      () => a.core.snapshot().peers.find((p) => p.id === 'user3@host3')?.status === 'offline',
      2000,
      'C offline at A',
    );
    await waitFor(
      () => b.core.snapshot().peers.find((p) => p.id === 'user3@host3')?.status === 'offline',
      2000,
      'C offline at B',
    );
  });

  it('queues a message to a Pigeon that went away, and delivers it by itself when it is back', async () => {
    const cores = await startCores(['127.0.0.5', '127.0.0.6'], PORT);
    const [a, b] = cores as [TestCore, TestCore];
    const bAtA = await waitFor(() => peerNamed(a, 'Peer 2'));
    // Killed without a word: A still believes B is online, so it sends and waits.
    await b.core.stop();
    const [lost] = a.core.sendMessage({
      conversationId: a.core.openConversation(bAtA.id),
      text: 'anyone there?',
    });
    const queued = await waitFor(
      () =>
        a.core
          .listMessages({ conversationId: bAtA.id })
          .find((m: MessageDTO) => m.id === lost?.id && m.state === 'queued'),
      4000,
      'queued after the retries',
    );
    expect(queued.error).toMatch(/did not confirm after 5 tries/);
    // Written while B is known to be offline: queued at once, and cancellable.
    await b.core.start();
    await b.core.stop();
    await waitFor(
      () => a.core.snapshot().peers.find((p) => p.id === bAtA.id)?.status === 'offline',
      3000,
      'B left',
    );
    const [later, withdrawn] = a.core
      .sendMessage({ conversationId: bAtA.id, text: 'see you tomorrow' })
      .concat(a.core.sendMessage({ conversationId: bAtA.id, text: 'never mind' }));
    expect(later?.state).toBe('queued');
    expect(a.core.cancelMessage({ messageId: withdrawn!.id }).state).toBe('cancelled');
    expect(() => a.core.cancelMessage({ messageId: withdrawn!.id })).toThrow(/outbox/);

    await b.core.start();
    await waitFor(
      () =>
        a.core.listMessages({ conversationId: bAtA.id }).filter((m) => m.state === 'delivered')
          .length === 2,
      5000,
      'both queued messages delivered',
    );
    const atB = () => b.core.listMessages({ conversationId: 'user1@host1' }).map((m) => m.text);
    await waitFor(() => atB().length === 2, 3000, 'both at B');
    expect(atB()).toEqual(['anyone there?', 'see you tomorrow']);
  });

  it('fails a message to a non-Pigeon peer that does not answer, with a way to resend', async () => {
    const cores = await startCores(['127.0.0.15'], PORT);
    const [a] = cores as [TestCore];
    const { socket, received } = await rawSocket('127.0.0.16', PORT);
    // An IP Messenger-like host announces itself, then ignores everything.
    await sendRaw(
      socket,
      `1:${Math.floor(Date.now() / 1000)}:ipmsg:winpc:1:Win\0office\0`,
      '127.0.0.15',
      PORT,
    );
    const peer = await waitFor(
      () => a.core.snapshot().peers.find((p) => p.id === 'ipmsg@winpc'),
      3000,
      'peer',
    );
    expect(peer.client).toBe('ipmsg');
    const [m] = a.core.sendMessage({
      conversationId: a.core.openConversation(peer.id),
      text: 'hello?',
    });
    const failed = await waitFor(
      () =>
        a.core
          .listMessages({ conversationId: peer.id })
          .find((x) => x.id === m?.id && x.state === 'failed'),
      4000,
      'failed',
    );
    expect(failed.error).toMatch(/did not confirm after 5 tries/);
    const sends = () =>
      received.filter((b) => (Number(b.toString('latin1').split(':')[4]) & 0xff) === 0x20);
    expect(sends()).toHaveLength(5);
    expect(new Set(sends().map((b) => b.toString('latin1').split(':')[1])).size).toBe(1);
    // Resend goes out with a fresh, higher packet number (iptux drops a number it has seen).
    expect(a.core.resendMessage({ messageId: failed.id }).state).toBe('sending');
    await waitFor(() => sends().length === 6, 2000, 'resent');
    const numbers = sends().map((b) => Number(b.toString('latin1').split(':')[1]));
    expect(numbers[5]).toBeGreaterThan(numbers[0]!);
  });

  it('sends text longer than one datagram to another Pigeon as one message, delivered whole', async () => {
    const cores = await startCores(['127.0.0.7', '127.0.0.8'], PORT);
    const [a, b] = cores as [TestCore, TestCore];
    const bAtA = await waitFor(() => peerNamed(a, 'Peer 2'));
    const long = '长'.repeat(6000) + 'end';
    const sent = a.core.sendMessage({
      conversationId: a.core.openConversation(bAtA.id),
      text: long,
    });
    expect(sent).toHaveLength(1);
    await waitFor(
      () => b.core.listMessages({ conversationId: 'user1@host1' }).length === 1,
      3000,
      'the message',
    );
    expect(b.core.listMessages({ conversationId: 'user1@host1' }).map((m) => m.text)).toEqual([
      long,
    ]);
  });
});
