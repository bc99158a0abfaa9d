import { afterEach, describe, expect, it } from 'vitest';
import type { MessageDTO } from '../../preload/contract';
import { startCores, waitFor, type TestCore } from './support/cores';

const PORT = 2425;
let cores: TestCore[] = [];

afterEach(async () => {
  await Promise.all(cores.map((c) => c.core.stop()));
  cores = [];
});

const peerNamed = (c: TestCore, nickname: string) =>
  c.core.snapshot().peers.find((p) => p.nickname === nickname && p.status !== 'offline');

describe('three cores on loopback addresses', () => {
  it('find each other through a host list, chat, and see a leave', async () => {
    cores = await startCores(['127.0.0.2', '127.0.0.3', '127.0.0.4'], PORT);
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
    const [sent] = a.core.sendMessage(conversation, 'Hello 你好 👋\nsecond line');
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
    const [reply] = b.core.sendMessage('user1@host1', '收到');
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
    expect(a.core.markRead(conversation).unread).toBe(0);

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

  it('fails a message visibly when the peer is gone, and delivers it on resend once back', async () => {
    cores = await startCores(['127.0.0.5', '127.0.0.6'], PORT);
    const [a, b] = cores as [TestCore, TestCore];
    const bAtA = await waitFor(() => peerNamed(a, 'Peer 2'));
    await b.core.stop();
    const [lost] = a.core.sendMessage(a.core.openConversation(bAtA.id), 'anyone there?');
    const failed = await waitFor(
      () =>
        a.core
          .listMessages({ conversationId: bAtA.id })
          .find((m: MessageDTO) => m.id === lost?.id && m.state === 'failed'),
      4000,
      'failed state',
    );
    expect(failed.error).toMatch(/did not confirm after 5 tries/);
    // Nothing was received by anyone: the message is kept, not lost.
    expect(a.core.listMessages({ conversationId: bAtA.id })).toHaveLength(1);

    await b.core.start();
    await waitFor(
      () => a.core.snapshot().peers.find((p) => p.id === bAtA.id)?.status === 'online',
      3000,
      'B back',
    );
    const again = a.core.resendMessage(failed.id);
    expect(again.state).toBe('sending');
    await waitFor(() =>
      a.core
        .listMessages({ conversationId: bAtA.id })
        .find((m) => m.id === failed.id && m.state === 'delivered'),
    );
    expect(b.core.listMessages({ conversationId: 'user1@host1' }).map((m) => m.text)).toEqual([
      'anyone there?',
    ]);
  });

  it('splits text longer than one datagram into several messages, all delivered in order', async () => {
    cores = await startCores(['127.0.0.7', '127.0.0.8'], PORT);
    const [a, b] = cores as [TestCore, TestCore];
    const bAtA = await waitFor(() => peerNamed(a, 'Peer 2'));
    const long = '长'.repeat(6000) + 'end';
    const parts = a.core.sendMessage(a.core.openConversation(bAtA.id), long);
    expect(parts.length).toBeGreaterThan(1);
    await waitFor(
      () => b.core.listMessages({ conversationId: 'user1@host1' }).length === parts.length,
      3000,
      'all parts',
    );
    expect(
      b.core
        .listMessages({ conversationId: 'user1@host1' })
        .map((m) => m.text)
        .join(''),
    ).toBe(long);
  });
});
