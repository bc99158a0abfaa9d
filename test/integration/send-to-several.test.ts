import { describe, expect, it } from 'vitest';
import { ContractError, MAX_SEVERAL_RECIPIENTS, parseRequest } from '../../src-shared/contract';
import {
  decodePacket,
  encodePacket,
  hasOption,
  Mode,
  modeOf,
  Opt,
} from '../../src-main/core/ipmsg';
import {
  IPMSG_STAND_IN,
  ipmsgStandIn,
  isPresent,
  sendRaw,
  startCores,
  waitFor,
  type TestCore,
} from './support/cores';

const PORT = 2467;
const IPMSG_ADDRESS = '127.0.0.6';

const stateOf = (c: TestCore, conversationId: string, id: string | undefined) =>
  c.core.listMessages({ conversationId }).find((m) => m.id === id)?.state;

describe('群发: one text to several contacts', () => {
  it('gives each contact its own copy, delivered or queued, with MULTICASTOPT on the wire', async () => {
    const addresses = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5'];
    const cores = await startCores(addresses, PORT);
    const [a, b, c, d] = cores as [TestCore, TestCore, TestCore, TestCore];
    for (const id of ['user2@host2', 'user3@host3', 'user4@host4']) {
      await waitFor(() => isPresent(a, id), 5000, `${id} at A`);
    }
    // An IP Messenger that acknowledges what it gets and keeps the datagrams.
    const ipmsg = await ipmsgStandIn(IPMSG_ADDRESS, PORT, a);
    ipmsg.socket.on('message', (bytes) => {
      const result = decodePacket(bytes);
      if (!result.ok || modeOf(result.packet.command) !== Mode.SENDMSG) return;
      const ack = encodePacket({
        ...IPMSG_STAND_IN,
        packetNo: 2,
        command: Mode.RECVMSG,
        extra: `${result.packet.packetNo}\0`,
      });
      void sendRaw(ipmsg.socket, ack, '127.0.0.2', PORT);
    });

    // D leaves: its copy waits in A's outbox.
    await d.core.stop();
    await waitFor(() => !isPresent(a, 'user4@host4'), 3000, 'D offline at A');

    const recipients = [
      'user2@host2',
      'user3@host3',
      'user4@host4',
      'win@winbox',
      'nobody@nowhere',
    ];
    const copies = a.core.sendToSeveral({
      peerIds: recipients,
      text: '下午三点开会 / 3 pm meeting',
    });

    expect(copies.map((copy) => copy.peerId)).toEqual(recipients);
    expect(copies.map((copy) => copy.messages[0]?.state)).toEqual([
      'sending',
      'sending',
      'queued',
      'sending',
      undefined,
    ]);
    expect(copies[4]?.error).toMatch(/unknown/);
    // Each copy lives in its contact's own conversation.
    for (const copy of copies.slice(0, 4)) {
      expect(copy.messages[0]?.conversationId).toBe(copy.peerId);
    }

    for (const [core, name] of [
      [b, 'B'],
      [c, 'C'],
    ] as const) {
      const got = await waitFor(
        () =>
          core.core
            .listMessages({ conversationId: 'user1@host1' })
            .find((m) => m.direction === 'in'),
        3000,
        `the copy at ${name}`,
      );
      expect(got.text).toBe('下午三点开会 / 3 pm meeting');
    }
    for (const copy of copies.slice(0, 2).concat(copies[3] ?? [])) {
      await waitFor(
        () => stateOf(a, copy.peerId, copy.messages[0]?.id) === 'delivered',
        3000,
        `delivered to ${copy.peerId}`,
      );
    }
    // IP Messenger's own mark of a copy sent to several, with the acknowledgement asked.
    const toIpmsg = ipmsg.received
      .map((bytes) => decodePacket(bytes))
      .find((r) => r.ok && modeOf(r.packet.command) === Mode.SENDMSG);
    expect(toIpmsg?.ok).toBe(true);
    if (toIpmsg?.ok) {
      expect(hasOption(toIpmsg.packet.command, Opt.MULTICASTOPT)).toBe(true);
      expect(hasOption(toIpmsg.packet.command, Opt.SENDCHECKOPT)).toBe(true);
    }
    expect(stateOf(a, 'user4@host4', copies[2]?.messages[0]?.id)).toBe('queued');

    // D comes back: its copy leaves the outbox and is delivered, once.
    const [back] = await startCores(['127.0.0.5'], PORT, {
      nickname: 'Peer 4',
      user: 'user4',
      host: 'host4',
      hosts: ['127.0.0.2:2467'],
    });
    const atD = await waitFor(
      () => {
        const list = back?.core
          .listMessages({ conversationId: 'user1@host1' })
          .filter((m) => m.direction === 'in');
        return list && list.length > 0 ? list : undefined;
      },
      5000,
      'the queued copy at D',
    );
    expect(atD.map((m) => m.text)).toEqual(['下午三点开会 / 3 pm meeting']);
    await waitFor(
      () => stateOf(a, 'user4@host4', copies[2]?.messages[0]?.id) === 'delivered',
      3000,
      'delivered to D',
    );
  });

  it('refuses an empty text, and a request naming no one or too many', async () => {
    const [a] = (await startCores(['127.0.0.7'], PORT)) as [TestCore];
    expect(() => a.core.sendToSeveral({ peerIds: ['user2@host2'], text: '   ' })).toThrow(/empty/);
    expect(() => parseRequest('sendToSeveral', { peerIds: [], text: 'hi' })).toThrow(ContractError);
    const many = Array.from({ length: MAX_SEVERAL_RECIPIENTS + 1 }, (_, i) => `u${i}@h`);
    expect(() => parseRequest('sendToSeveral', { peerIds: many, text: 'hi' })).toThrow(
      ContractError,
    );
    expect(() => parseRequest('sendToSeveral', { peerIds: 'a@b', text: 'hi' })).toThrow(
      ContractError,
    );
  });
});
