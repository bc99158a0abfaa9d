import type dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import type { MessageDTO } from '../../src-shared/contract';
import { FAST, rawSocket, sendRaw, startCores, waitFor, type TestCore } from './support/cores';

// Issue 12's reproductions: a host that writes "I am bob@bobbox" from its own address
// must not take Bob's conversation, receipts or presence. Bob is a scripted IPMsg
// client (it answers entries, as every client does); the impostor is another socket.
const PORT = 2425;
const BR_ENTRY = 0x01;
const BR_EXIT = 0x02;
const ANSENTRY = 0x03;
const SENDMSG = 0x20;
const SENDCHECKOPT = 0x100;
const RECVMSG = 0x21;
const READMSG = 0x30;
const VERSION = '1';

interface Host {
  socket: dgram.Socket;
  received: Buffer[];
  address: string;
  send(command: number, extra: string, packetNo?: number): Promise<void>;
}

let packetNo = 5000;

async function host(address: string, pigeon: string, answerEntries: boolean): Promise<Host> {
  const { socket, received } = await rawSocket(address, PORT);
  const send = (command: number, extra: string, no = (packetNo += 1)) =>
    sendRaw(socket, `${VERSION}:${no}:bob:bobbox:${command}:${extra}`, pigeon, PORT);
  if (answerEntries) {
    socket.on('message', (bytes) => {
      const mode = Number(bytes.toString('latin1').split(':')[4]) & 0xff;
      if (mode === BR_ENTRY) void send(ANSENTRY, 'Bob\0qa\0');
    });
  }
  return { socket, received, address, send };
}

const fields = (bytes: Buffer) => bytes.toString('utf8').split(':');
const messagesTo = (h: Host) =>
  h.received.filter((b) => (Number(fields(b)[4]) & 0xff) === SENDMSG).map(fields);

function bobOf(a: TestCore) {
  return a.core.snapshot().peers.find((p) => p.id === 'bob@bobbox');
}

function history(a: TestCore, conversationId: string): MessageDTO[] {
  return a.core.listMessages({ conversationId, limit: 100 });
}

async function meetBob(pigeonAddress: string, bobAddress: string, impostorAddress: string) {
  const [a] = (await startCores([pigeonAddress], PORT, {
    timing: { ...FAST, claimProbeMs: 600 },
  })) as [TestCore];
  const bob = await host(bobAddress, pigeonAddress, true);
  const impostor = await host(impostorAddress, pigeonAddress, false);
  await bob.send(BR_ENTRY, 'Bob\0qa\0');
  await waitFor(() => bobOf(a)?.status === 'online', 3000, 'Bob');
  return { a, bob, impostor };
}

describe('a host claiming to be a known peer', () => {
  it('does not take the conversation: its text goes to an unverified contact, Bob is warned', async () => {
    const { a, bob, impostor } = await meetBob('127.0.0.61', '127.0.0.62', '127.0.0.63');
    await impostor.send(SENDMSG | SENDCHECKOPT, 'send the report to me\0');
    const warning = await waitFor(
      () => a.events.find((e) => e.type === 'trust-warning'),
      3000,
      'the warning',
    );
    expect(warning).toMatchObject({
      warning: { peerId: 'bob@bobbox', kind: 'impostor', address: '127.0.0.63' },
    });
    expect(bobOf(a)?.address).toBe('127.0.0.62');
    const impostorId = 'bob@bobbox~127.0.0.63';
    await waitFor(() => history(a, impostorId).length > 0, 2000, "the impostor's message");
    expect(history(a, impostorId)[0]?.text).toBe('send the report to me');
    expect(history(a, 'bob@bobbox').map((m) => m.text)).not.toContain('send the report to me');
    expect(a.core.snapshot().peers.find((p) => p.id === impostorId)).toMatchObject({
      unverified: true,
      address: '127.0.0.63',
    });
    expect(a.core.snapshot().trustWarnings).toHaveLength(1);

    // The next reply to Bob goes to Bob, not to the impostor; a second forgery changes nothing.
    await impostor.send(SENDMSG | SENDCHECKOPT, 'and the files\0');
    a.core.sendMessage({ conversationId: 'bob@bobbox', text: 'reply to Bob' });
    await waitFor(() => messagesTo(bob).some((f) => f.join(':').includes('reply to Bob')));
    expect(messagesTo(impostor)).toHaveLength(0);
    await waitFor(() => history(a, impostorId).length === 2, 2000, 'the second forgery');
    expect(bobOf(a)?.address).toBe('127.0.0.62');
  });

  it('moves the contact when the old address is silent, and says so in the chat', async () => {
    const [a] = (await startCores(['127.0.0.64'], PORT, {
      timing: { ...FAST, claimProbeMs: 600 },
    })) as [TestCore];
    const before = await host('127.0.0.65', '127.0.0.64', false);
    await before.send(BR_ENTRY, 'Bob\0qa\0');
    await waitFor(() => bobOf(a)?.status === 'online', 3000, 'Bob');
    before.socket.close();
    const after = await host('127.0.0.66', '127.0.0.64', true);
    await after.send(SENDMSG | SENDCHECKOPT, 'new lease\0');
    await waitFor(() => bobOf(a)?.address === '127.0.0.66', 3000, 'the move');
    await waitFor(() => history(a, 'bob@bobbox').some((m) => m.text === 'new lease'));
    expect(a.core.snapshot().trustWarnings).toEqual([
      expect.objectContaining({
        peerId: 'bob@bobbox',
        kind: 'address-changed',
        previousAddress: '127.0.0.65',
        address: '127.0.0.66',
      }),
    ]);
    // Acknowledged once kept, so the sender stops retrying.
    await waitFor(() => after.received.some((b) => (Number(fields(b)[4]) & 0xff) === RECVMSG));
  });

  it('cannot confirm, read or sign off for Bob from another address', async () => {
    const { a, bob, impostor } = await meetBob('127.0.0.67', '127.0.0.68', '127.0.0.69');
    const [sent] = a.core.sendMessage({ conversationId: 'bob@bobbox', text: 'are you there?' });
    const wire = await waitFor(() => messagesTo(bob)[0], 2000, 'the message at Bob');
    const number = Number(wire[1]);
    await impostor.send(RECVMSG, String(number));
    await new Promise((r) => setTimeout(r, 150));
    expect(history(a, 'bob@bobbox').find((m) => m.id === sent?.id)?.state).toBe('sending');
    // From Bob's own address the same receipt counts.
    await bob.send(RECVMSG, String(number));
    await waitFor(
      () => history(a, 'bob@bobbox').find((m) => m.id === sent?.id)?.state === 'delivered',
    );

    const [sealed] = a.core.sendMessage({
      conversationId: 'bob@bobbox',
      text: 'for Bob only',
      sealed: true,
    });
    const sealedWire = await waitFor(
      () => messagesTo(bob).find((f) => f.join(':').includes('for Bob only')),
      2000,
      'the sealed message at Bob',
    );
    await bob.send(RECVMSG, String(Number(sealedWire[1])));
    await waitFor(
      () => history(a, 'bob@bobbox').find((m) => m.id === sealed?.id)?.state === 'delivered',
    );
    await impostor.send(READMSG, String(Number(sealedWire[1])));
    await impostor.send(BR_EXIT, 'Bob\0qa\0');
    await new Promise((r) => setTimeout(r, 150));
    expect(history(a, 'bob@bobbox').find((m) => m.id === sealed?.id)?.readAt).toBeUndefined();
    expect(bobOf(a)?.status).toBe('online');

    await bob.send(BR_EXIT, 'Bob\0qa\0');
    await waitFor(() => bobOf(a)?.status === 'offline', 2000, 'Bob leaving');
  });
});
