import { describe, expect, it } from 'vitest';
import { ContractError, type PigeonEvent } from '../../src-shared/contract';
import { rawSocket, sendRaw, startCores, waitFor, type TestCore } from './support/cores';

const PORT = 2425;

const peerNamed = (c: TestCore, nickname: string) =>
  c.core.snapshot().peers.find((p) => p.nickname === nickname && p.status !== 'offline');

async function twoPigeons(first: string, second: string) {
  const [a, b] = (await startCores([first, second], PORT)) as [TestCore, TestCore];
  const bAtA = await waitFor(() => peerNamed(a, 'Peer 2'), 5000, 'B at A');
  const conversation = a.core.openConversation(bAtA.id);
  return { a, b, conversation };
}

const removed = (events: PigeonEvent[]) => events.filter((e) => e.type === 'message-removed');

describe('recall between Pigeons', () => {
  it('takes the text from both histories and from the receiver’s search', async () => {
    const { a, b, conversation } = await twoPigeons('127.0.0.151', '127.0.0.152');
    const [sent] = a.core.sendMessage({
      conversationId: conversation,
      text: '工资单 wrong-window',
    });
    await waitFor(
      () => a.core.listMessages({ conversationId: conversation })[0]?.state === 'delivered',
      5000,
      'delivered',
    );
    const atB = () => b.core.listMessages({ conversationId: 'user1@host1' });
    expect(atB()[0]?.text).toBe('工资单 wrong-window');
    expect(b.core.searchMessages({ query: 'wrong-window' })).toHaveLength(1);

    const recalled = a.core.recallMessage({ messageId: sent!.id });
    expect(recalled).toMatchObject({ id: sent!.id, text: '', state: 'recalled' });
    await waitFor(() => atB()[0]?.state === 'recalled', 5000, 'recalled at B');
    expect(atB()[0]?.text).toBe('');
    expect(b.core.searchMessages({ query: 'wrong-window' })).toHaveLength(0);
    expect(a.core.searchMessages({ query: 'wrong-window' })).toHaveLength(0);
    // The receiver's windows heard of it, preview included.
    const told = b.events.filter((e) => e.type === 'message' && e.message.state === 'recalled');
    expect(told).toHaveLength(1);
    expect(b.core.snapshot().conversations[0]?.lastMessage?.state).toBe('recalled');
  });

  it('refuses messages older than two minutes, others’ messages, and non-Pigeons', async () => {
    const { a, b, conversation } = await twoPigeons('127.0.0.153', '127.0.0.154');
    a.core.sendMessage({ conversationId: conversation, text: 'hi' });
    const atB = await waitFor(
      () => b.core.listMessages({ conversationId: 'user1@host1' })[0],
      5000,
      'message at B',
    );
    // B cannot recall what A wrote.
    expect(() => b.core.recallMessage({ messageId: atB.id })).toThrow(ContractError);

    const { socket } = await rawSocket('127.0.0.155', PORT);
    await sendRaw(
      socket,
      `1_iptux 0.8.3:${Math.floor(Date.now() / 1000)}:tux:box:1:Tux\0qa\0icon-tux.png\0utf-8\0`,
      '127.0.0.153',
      PORT,
    );
    const tux = await waitFor(() => peerNamed(a, 'Tux'), 5000, 'iptux at A');
    const [toTux] = a.core.sendMessage({
      conversationId: a.core.openConversation(tux.id),
      text: 'x',
    });
    expect(() => a.core.recallMessage({ messageId: toTux!.id })).toThrow(/another Pigeon/);
  });
});

describe('a recall from a client that is not Pigeon', () => {
  it('is ignored: the message stays as it came', async () => {
    const [a] = (await startCores(['127.0.0.158'], PORT)) as [TestCore];
    const { socket } = await rawSocket('127.0.0.159', PORT);
    const head = (no: number, mode: number) => `1_iptux 0.8.3:${no}:tux:box:${mode}:`;
    const base = Math.floor(Date.now() / 1000);
    await sendRaw(socket, `${head(base, 0x20)}keep me\0`, '127.0.0.158', PORT);
    const inbox = () => a.core.listMessages({ conversationId: 'tux@box' });
    await waitFor(() => inbox().length === 1, 5000, 'message at A');
    await sendRaw(socket, `${head(base + 1, 0xe1)}${base}\0`, '127.0.0.158', PORT);
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox()[0]).toMatchObject({ text: 'keep me', state: 'received' });
  });
});

describe('delete on this computer', () => {
  it('removes the message here only, and the preview falls back to the one before', async () => {
    const { a, b, conversation } = await twoPigeons('127.0.0.156', '127.0.0.157');
    const [first] = a.core.sendMessage({ conversationId: conversation, text: 'first' });
    const [second] = a.core.sendMessage({ conversationId: conversation, text: 'second' });
    await waitFor(
      () => b.core.listMessages({ conversationId: 'user1@host1' }).length === 2,
      5000,
      'both at B',
    );
    expect(a.core.deleteMessage({ messageId: second!.id })).toEqual({ ok: true });
    expect(a.core.listMessages({ conversationId: conversation }).map((m) => m.id)).toEqual([
      first!.id,
    ]);
    expect(a.core.searchMessages({ query: 'second' })).toHaveLength(0);
    expect(removed(a.events)).toEqual([
      { type: 'message-removed', conversationId: conversation, messageId: second!.id },
    ]);
    const preview = a.core.snapshot().conversations.find((c) => c.id === conversation);
    expect(preview?.lastMessage?.text).toBe('first');
    // The peer keeps its copy.
    expect(b.core.listMessages({ conversationId: 'user1@host1' })).toHaveLength(2);
    // Deleting what is not there changes nothing and says nothing.
    expect(a.core.deleteMessage({ messageId: 'nope' })).toEqual({ ok: true });
    expect(removed(a.events)).toHaveLength(1);
  });
});
