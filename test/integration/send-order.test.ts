import { describe, expect, it } from 'vitest';
import { rawSocket, sendRaw, startCores, waitFor, type TestCore } from './support/cores';

// Messages to one peer go out one at a time, or to another Pigeon a few at once each
// naming the one it follows: a later message never overtakes one that needed a retry
// unseen. Both peers here are bare sockets, so every datagram is seen.
const PORT = 2425;
const SENDMSG = 0x20;
const RECVMSG = 0x21;

interface Seen {
  packetNo: number;
  mode: number;
  text: string;
}
const read = (bytes: Buffer): Seen => {
  const [, packetNo, , , command, ...extra] = bytes.toString('utf8').split(':');
  return {
    packetNo: Number(packetNo),
    mode: Number(command) & 0xff,
    text: extra.join(':').split('\0')[0] ?? '',
  };
};
// Packet numbers as small, rising integers (the codec refuses what does not fit 32 bits).
let packetNo = Math.floor(Date.now() / 1000);
const next = (): number => (packetNo += 1);
const sendmsgs = (received: Buffer[]): Seen[] =>
  received.map(read).filter((d) => d.mode === SENDMSG);

/** Sends one, two, three to the peer from `core`, once it knows the peer. */
async function sendThree(core: TestCore, peerId: string): Promise<string> {
  await waitFor(() => core.core.snapshot().peers.find((p) => p.id === peerId), 3000, 'peer');
  const conversationId = core.core.openConversation(peerId);
  for (const text of ['one', 'two', 'three']) core.core.sendMessage({ conversationId, text });
  return conversationId;
}

/** Waits until every message of the conversation is in `state`. */
const allIn = (core: TestCore, conversationId: string, state: string): Promise<true> =>
  waitFor(
    () => core.core.listMessages({ conversationId }).every((m) => m.state === state) || undefined,
    5000,
    `all ${state}`,
  );

describe('messages to one peer, one at a time', () => {
  it('never sends a later message before an earlier one is confirmed (iptux drops it)', async () => {
    const [a] = await startCores(['127.0.0.231'], PORT);
    const { socket, received } = await rawSocket('127.0.0.232', PORT);
    // An IPMsg-style host that loses the very first datagram it is sent, and confirms the rest.
    let lost = false;
    socket.on('message', (bytes) => {
      const d = read(bytes);
      if (d.mode !== SENDMSG) return;
      if (!lost) {
        lost = true;
        return;
      }
      void sendRaw(
        socket,
        `1:${next()}:ipmsg:winpc:${RECVMSG}:${d.packetNo}\0`,
        '127.0.0.231',
        PORT,
      );
    });
    await sendRaw(socket, `1:${next()}:ipmsg:winpc:1:Win\0office\0`, '127.0.0.231', PORT);
    const conversationId = await sendThree(a!, 'ipmsg@winpc');
    await allIn(a!, conversationId, 'delivered');
    // 'one' twice (its first try lost), then the others: numbers never go down.
    expect(sendmsgs(received).map((d) => d.text)).toEqual(['one', 'one', 'two', 'three']);
    const numbers = sendmsgs(received).map((d) => d.packetNo);
    expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
  });

  it('keeps what was written after an unconfirmed message behind it, for a Pigeon peer', async () => {
    const [a] = await startCores(['127.0.0.233'], PORT);
    const { socket, received } = await rawSocket('127.0.0.234', PORT);
    let answering = false;
    socket.on('message', (bytes) => {
      const d = read(bytes);
      if (d.mode !== SENDMSG || !answering) return;
      void sendRaw(
        socket,
        `1_pigeon:${next()}:me:box:${RECVMSG}:${d.packetNo}\0`,
        '127.0.0.233',
        PORT,
      );
    });
    const entry = (): Promise<void> =>
      sendRaw(socket, `1_pigeon:${next()}:me:box:1:Box\0qa\0`, '127.0.0.233', PORT);
    await entry();
    const conversationId = await sendThree(a!, 'me@box');
    // A Pigeon takes several at once, each naming the one it follows so it can put them
    // back in order: five rounds of tries (200 ms apart), always in the order written.
    await allIn(a!, conversationId, 'queued');
    const tries = sendmsgs(received);
    expect(tries.map((d) => d.text)).toEqual(Array(5).fill(['one', 'two', 'three']).flat());
    const [one, two] = [tries[0]!, tries[1]!];
    const after = received
      .filter((bytes) => read(bytes).mode === SENDMSG)
      .map((bytes) => /PIGEONAFTER:(\d+)/.exec(bytes.toString('latin1'))?.[1]);
    expect(after.slice(0, 3)).toEqual([undefined, String(one.packetNo), String(two.packetNo)]);
    // The peer is back and answers: everything goes, in the order written, once each.
    answering = true;
    received.length = 0;
    await entry();
    await allIn(a!, conversationId, 'delivered');
    expect(sendmsgs(received).map((d) => d.text)).toEqual(['one', 'two', 'three']);
  });
});
