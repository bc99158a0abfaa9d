import dgram from 'node:dgram';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageDTO } from '../../src-shared/contract';
import { rawSocket, sendRaw, startCores, waitFor, type TestCore } from './support/cores';

// Two keyed Pigeons seal every message, receipt and goodbye (keys/message-seals.ts): no
// datagram they send carries a message's text, and clear receipts, messages and goodbyes
// forged from Bob's own address (another port, as a spoofing host would) change nothing.
const PORT = 2425;
const A = '127.0.47.2';
const B = '127.0.47.3';
const BOB = 'user2@host2';
const SENDMSG_CHECK = 0x20 | 0x100;
const READMSG = 0x30;
const BR_EXIT = 0x02;
const SECRET = '密语 sealed-7731 ÄÖ';

let sent: Buffer[] = [];

beforeEach(() => {
  sent = [];
  const original = dgram.Socket.prototype.send;
  vi.spyOn(dgram.Socket.prototype, 'send').mockImplementation(function (
    this: dgram.Socket,
    ...args: Parameters<dgram.Socket['send']>
  ) {
    if (Buffer.isBuffer(args[0])) sent.push(Buffer.from(args[0]));
    return original.apply(this, args);
  } as dgram.Socket['send']);
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function meet(): Promise<[TestCore, TestCore]> {
  const [a, b] = (await startCores([A, B], PORT)) as [TestCore, TestCore];
  const known = (c: TestCore, peerId: string) => c.core.getPeerKeys({ peerId }).state === 'known';
  await waitFor(() => known(a, BOB) && known(b, 'user1@host1'), 5000, 'both keys');
  return [a, b];
}

const history = (c: TestCore, id: string): MessageDTO[] =>
  c.core.listMessages({ conversationId: id, limit: 100 });

describe('messages between two keyed Pigeons', () => {
  it('go sealed: no datagram carries the text (UTF-8 or GBK), yet both sides read it', async () => {
    const [a, b] = await meet();
    const [out] = a.core.sendMessage({
      conversationId: a.core.openConversation(BOB),
      text: SECRET,
    });
    await waitFor(() => history(b, 'user1@host1').some((m) => m.text === SECRET), 3000, 'at B');
    await waitFor(
      () => history(a, BOB).find((m) => m.id === out!.id && m.state === 'delivered'),
      3000,
      'delivered',
    );
    b.core.sendMessage({ conversationId: 'user1@host1', text: `${SECRET} back` });
    await waitFor(() => history(a, BOB).some((m) => m.text === `${SECRET} back`), 3000, 'at A');
    const needles = [Buffer.from('sealed-7731'), Buffer.from('密语'), iconv.encode('密语', 'gbk')];
    const messages = sent.filter(
      (d) => (Number(d.toString('latin1').split(':')[4]) & 0xff) === 0x20,
    );
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const datagram of sent)
      for (const needle of needles) expect(datagram.includes(needle)).toBe(false);
    for (const datagram of messages) expect(datagram.toString('latin1')).toContain(':PS1:');
  });

  it('refuse clear receipts, messages and goodbyes forged from the peer’s address', async () => {
    const [a, b] = await meet();
    const [out] = a.core.sendMessage({
      conversationId: a.core.openConversation(BOB),
      text: 'open me later',
      sealed: true,
    });
    await waitFor(
      () => history(a, BOB).find((m) => m.id === out!.id && m.state === 'delivered'),
      3000,
      'delivered',
    );
    const header = sent
      .map((d) => d.toString('latin1').split(':'))
      .find((f) => f[2] === 'user1' && (Number(f[4]) & 0xff) === 0x20);
    const packetNo = header?.[1] ?? '0';
    const { socket } = await rawSocket(B, PORT + 7);
    await sendRaw(socket, `1_pigeon:9001:user2:host2:${READMSG}:${packetNo}`, A, PORT);
    await sendRaw(
      socket,
      `1_pigeon:9002:user2:host2:${SENDMSG_CHECK}:wire me the money\0`,
      A,
      PORT,
    );
    await sendRaw(socket, `1_pigeon:9003:user2:host2:${BR_EXIT}:Peer 2\0QA\0`, A, PORT);
    await new Promise((r) => setTimeout(r, 800));
    const bob = a.core.snapshot().peers.find((p) => p.id === BOB);
    expect(bob).toMatchObject({ status: 'online', address: B });
    expect(history(a, BOB).find((m) => m.id === out!.id)?.readAt).toBeUndefined();
    expect(JSON.stringify(a.core.snapshot())).not.toContain('wire me the money');
    for (const c of a.core.snapshot().conversations)
      expect(history(a, c.id).map((m) => m.text)).not.toContain('wire me the money');
    // Bob's own goodbye still counts.
    await b.core.stop();
    await waitFor(
      () => a.core.snapshot().peers.find((p) => p.id === BOB)?.status === 'offline',
      3000,
      'Bob offline',
    );
  });
});
