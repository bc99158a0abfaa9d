import { describe, expect, it } from 'vitest';
import type { MessageDTO } from '../../src-shared/contract';
import { rawSocket, sendRaw, startCores, waitFor, type TestCore } from './support/cores';

const PORT = 2441;
const SENDMSG = 0x20;
const RECVMSG = 0x21;
const READMSG = 0x30;
const ANSREADMSG = 0x32;
const SENDCHECKOPT = 0x100;
const SECRETOPT = 0x200;
const READCHECKOPT = 0x100000;

const fields = (datagram: Buffer) => {
  const text = datagram.toString('latin1');
  const parts = text.split(':');
  return {
    packetNo: Number(parts[1]),
    command: Number(parts[4]),
    extra: parts.slice(5).join(':').replace(/\0+$/, ''),
  };
};

const messageEvents = (core: TestCore, id: string): MessageDTO[] =>
  core.events.flatMap((e) => (e.type === 'message' && e.message.id === id ? [e.message] : []));

/** One Pigeon and a raw IPMsg socket beside it that has said hello as `user@host`. */
async function pigeonAndRawPeer(pigeon: string, rawPeer: string, user: string, host: string) {
  const cores = await startCores([pigeon], PORT);
  const [a] = cores as [TestCore];
  const { socket, received } = await rawSocket(rawPeer, PORT);
  const n = Math.floor(Date.now() / 1000);
  const send = (text: string) => sendRaw(socket, text, pigeon, PORT);
  await send(`1:${n}:${user}:${host}:${0x1}:${user}\0\0`);
  const peerId = `${user}@${host}`;
  await waitFor(() => a.core.snapshot().peers.some((p) => p.id === peerId), 2000, 'peer');
  return { a, received, n, send, peerId };
}

describe('sealed messages between two Pigeons', () => {
  it('arrive sealed, open on request, and the sender sees when they were read', async () => {
    const cores = await startCores(['127.0.0.171', '127.0.0.172'], PORT);
    const [a, b] = cores as [TestCore, TestCore];
    await waitFor(
      () => a.core.snapshot().peers.some((p) => p.id === 'user2@host2' && p.status === 'online'),
      5000,
      'B at A',
    );
    const conversation = a.core.openConversation('user2@host2');
    const [sent] = a.core.sendMessage({
      conversationId: conversation,
      text: 'the safe code is 4711',
      sealed: true,
    });
    expect(sent).toMatchObject({ sealed: true, text: 'the safe code is 4711' });

    const arrived = await waitFor(
      () =>
        b.events.find((e) => e.type === 'message' && e.message.direction === 'in') as
          { type: 'message'; message: MessageDTO } | undefined,
      3000,
      'sealed message at B',
    );
    expect(arrived.message).toMatchObject({ sealed: true, text: '' });
    expect(arrived.message.readAt).toBeUndefined();
    // Nothing at B shows the text before it is opened.
    expect(b.core.listMessages({ conversationId: 'user1@host1' })[0]?.text).toBe('');
    expect(b.core.searchMessages({ query: 'safe code' })).toEqual([]);
    expect(b.core.snapshot().conversations[0]?.lastMessage?.text).toBe('');
    expect(
      b.core.exportConversation({ conversationId: 'user1@host1', format: 'text' }).content,
    ).toContain('[sealed]');
    await waitFor(
      () =>
        a.core
          .listMessages({ conversationId: conversation })
          .find((m) => m.id === sent!.id && m.state === 'delivered'),
      3000,
      'delivered',
    );
    expect(a.core.listMessages({ conversationId: conversation })[0]?.readAt).toBeUndefined();

    const opened = b.core.openSealed({ messageId: arrived.message.id });
    expect(opened).toMatchObject({ text: 'the safe code is 4711', sealed: true });
    expect(opened.readAt).toBeGreaterThan(0);
    expect(b.core.searchMessages({ query: 'safe code' })).toHaveLength(1);

    const read = await waitFor(
      () => messageEvents(a, sent!.id).find((m) => m.readAt !== undefined),
      3000,
      'read receipt at A',
    );
    expect(read.readAt).toBeGreaterThanOrEqual(sent!.at);
    expect(a.core.listMessages({ conversationId: conversation })[0]).toMatchObject({
      sealed: true,
      state: 'delivered',
      readAt: read.readAt,
    });
    // A answered B's READMSG (ANSREADMSG), so B sends nothing more (its repeats come
    // every 750 ms), and A hears of the reading once.
    await new Promise((r) => setTimeout(r, 300));
    const bSent = b.core.stats().datagramsOut;
    await new Promise((r) => setTimeout(r, 1600));
    expect(b.core.stats().datagramsOut).toBe(bSent);
    expect(messageEvents(a, sent!.id).filter((m) => m.readAt !== undefined)).toHaveLength(1);
    // Opening again changes nothing.
    expect(b.core.openSealed({ messageId: arrived.message.id })).toEqual(opened);
    expect(a.core.stats().dropped.unknownCommand).toBe(0);
    expect(b.core.stats().dropped.unknownCommand).toBe(0);
  });

  it('work with a client that ignores sealing, and tell an IP Messenger that asked', async () => {
    const { a, received, n, send } = await pigeonAndRawPeer(
      '127.0.0.173',
      '127.0.0.174',
      'taro',
      'WIN10',
    );
    const version = '1';

    // Sealed out: the peer acknowledges like iptux does and never reads it.
    const [sent] = a.core.sendMessage({
      conversationId: a.core.openConversation('taro@WIN10'),
      text: 'sealed hello',
      sealed: true,
    });
    const datagram = await waitFor(
      () => received.find((d) => (fields(d).command & 0xff) === SENDMSG),
      2000,
      'SENDMSG',
    );
    const sendmsg = fields(datagram);
    expect(sendmsg.command & (SENDCHECKOPT | SECRETOPT | READCHECKOPT)).toBe(
      SENDCHECKOPT | SECRETOPT | READCHECKOPT,
    );
    await send(`${version}:${n + 1}:taro:WIN10:${RECVMSG}:${sendmsg.packetNo}\0`);
    await waitFor(
      () =>
        a.core
          .listMessages({ conversationId: 'taro@WIN10' })
          .find((m) => m.id === sent!.id && m.state === 'delivered'),
      2000,
      'delivered',
    );

    // Sealed in, as IP Messenger sends it; opened, it is reported with READMSG|READCHECKOPT,
    // repeated until ANSREADMSG names the READMSG.
    const sealedNo = n + 2;
    await send(
      `${version}:${sealedNo}:taro:WIN10:${SENDMSG | SENDCHECKOPT | SECRETOPT | READCHECKOPT}:秘密\0`,
    );
    const incoming = await waitFor(
      () =>
        a.core
          .listMessages({ conversationId: 'taro@WIN10' })
          .find((m) => m.direction === 'in' && m.sealed),
      2000,
      'sealed in',
    );
    expect(incoming.text).toBe('');
    expect(a.core.openSealed({ messageId: incoming.id }).text).toBe('秘密');
    const reads = () => received.filter((d) => (fields(d).command & 0xff) === READMSG);
    await waitFor(() => reads().length >= 2, 3000, 'READMSG repeated');
    const readmsg = fields(reads()[0]!);
    expect(readmsg.command).toBe(READMSG | READCHECKOPT);
    expect(readmsg.extra).toBe(String(sealedNo));
    await send(`${version}:${n + 3}:taro:WIN10:${ANSREADMSG}:${readmsg.packetNo}\0`);
    await new Promise((r) => setTimeout(r, 300));
    const after = reads().length;
    await new Promise((r) => setTimeout(r, 1600));
    expect(reads()).toHaveLength(after);

    // The sealed message we sent is still unread, and nothing broke.
    expect(
      a.core.listMessages({ conversationId: 'taro@WIN10' }).find((m) => m.id === sent!.id)?.readAt,
    ).toBeUndefined();
    expect(a.core.stats().dropped.unknownCommand).toBe(0);
  });

  it('sees a resent sealed message read when the peer opened the copy that failed', async () => {
    const { a, received, n, send } = await pigeonAndRawPeer(
      '127.0.0.175',
      '127.0.0.176',
      'jiro',
      'PC7',
    );
    const conversation = a.core.openConversation('jiro@PC7');
    const sendmsgs = () => received.filter((d) => (fields(d).command & 0xff) === SENDMSG);

    // Every RECVMSG is lost: the message ends Failed, though the peer has it.
    const [sent] = a.core.sendMessage({
      conversationId: conversation,
      text: 'the vault code',
      sealed: true,
    });
    const state = () =>
      a.core.listMessages({ conversationId: conversation }).find((m) => m.id === sent!.id);
    await waitFor(() => state()?.state === 'failed', 5000, 'failed');
    const first = fields(sendmsgs()[0]!).packetNo;

    // Resent under a new number, and confirmed this time.
    a.core.resendMessage({ messageId: sent!.id });
    await waitFor(() => sendmsgs().some((d) => fields(d).packetNo !== first), 2000, 'resend');
    const second = fields(sendmsgs().at(-1)!).packetNo;
    expect(second).not.toBe(first);
    await send(`1:${n + 1}:jiro:PC7:${RECVMSG}:${second}\0`);
    await waitFor(() => state()?.state === 'delivered', 2000, 'delivered');

    // The peer opens the copy that came first: its READMSG names the first number.
    await send(`1:${n + 2}:jiro:PC7:${READMSG}:${first}\0`);
    await waitFor(() => state()?.readAt !== undefined, 2000, 'read');
    expect(messageEvents(a, sent!.id).at(-1)?.readAt).toBe(state()?.readAt);
  });
});
