import type { Avatars } from '../../../src-main/core/avatars/avatars';
import type { Recalls } from '../../../src-main/core/messaging/recall';
import type { IpmsgKeys } from '../../../src-main/core/ipmsg-crypto/ipmsg-keys';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationDTO, MessageDTO, PigeonEvent } from '../../../src-shared/contract';
import { PeerDirectory } from '../../../src-main/core/discovery/peer-directory';
import {
  decodePacket,
  hasOption,
  Mode,
  modeOf,
  Opt,
  parseAckExtra,
  type Packet,
} from '../../../src-main/core/ipmsg';
import { MessageAnnouncer } from '../../../src-main/core/message-announcer';
import type { PigeonGroups } from '../../../src-main/core/groups/pigeon-groups';
import type { Groups } from '../../../src-main/core/groups/groups';
import { Messaging } from '../../../src-main/core/messaging/messaging';
import { Receiving } from '../../../src-main/core/messaging/receiving';
import {
  READ_MAX_RETRIES,
  READ_RETRY_MS,
  SealedMessages,
} from '../../../src-main/core/messaging/sealed';
import { SEALED_OPTIONS } from '../../../src-main/core/pipeline/outgoing-message';
import { defaultTiming } from '../../../src-main/core/options';
import type { Courtesy } from '../../../src-main/core/messaging/courtesy';
import type { Discovery } from '../../../src-main/core/discovery/discovery';
import type { Shakes } from '../../../src-main/core/shakes/shakes';
import type { UnsupportedNotices } from '../../../src-main/core/unsupported-notices';
import { packetRoutes, routePacket } from '../../../src-main/core/packet-routes';
import { readIncomingMessage } from '../../../src-main/core/pipeline/incoming-message';
import { MessageSender } from '../../../src-main/core/pipeline/message-sender';
import type { TransferService } from '../../../src-main/core/transfer/transfers';
import { openStore, type PigeonStore } from '../../../src-main/core/store';
import { testPacketSender } from './packet-sender-helper';

const BOB = { address: '10.0.0.2', port: 2425 };
const NOW = 1_790_000_000_000;

function packet(text: string): Packet {
  const result = decodePacket(Buffer.from(text, 'utf8'));
  if (!result.ok) throw new Error(result.detail);
  return result.packet;
}

/** A sealed message as IP Messenger 4.99 sends it: SENDMSG|SENDCHECKOPT|SECRETEXOPT. */
const SEALED_FROM_BOB = (no: number, extraOptions: number = Opt.READCHECKOPT) =>
  packet(
    `1:${no}:bob:pc:${Mode.SENDMSG | Opt.SENDCHECKOPT | Opt.SECRETOPT | extraOptions}:secret plan\0`,
  );

function setup() {
  const store: PigeonStore = openStore(':memory:');
  const sent: { packet: Packet; bytes: Buffer; to: string }[] = [];
  const packets = testPacketSender(
    { version: '1_pigeon', user: 'me', host: 'mine' },
    NOW,
    (bytes, address, port) =>
      sent.push({ packet: packet(bytes.toString('utf8')), bytes, to: `${address}:${port}` }),
  );
  const directory = new PeerDirectory();
  directory.upsert({ user: 'bob', host: 'pc', ...BOB, client: 'ipmsg', at: NOW });
  directory.upsert({ user: 'eve', host: 'x', address: '10.0.0.9', port: 2425, at: NOW });
  const messages: MessageDTO[] = [];
  const conversations: ConversationDTO[] = [];
  const common = {
    packets,
    directory,
    history: store.messages,
    conversations: store.conversations,
    announcer: new MessageAnnouncer(
      {
        emit: (event: PigeonEvent) => {
          if (event.type === 'message') messages.push(event.message);
          if (event.type === 'conversation') conversations.push(event.conversation);
        },
      },
      store.conversations,
    ),
    now: () => NOW + 5000,
  };
  const sealed = new SealedMessages(common);
  const receiving = new Receiving({ ...common, onPeerSeen: () => undefined });
  const sender = new MessageSender({
    packets,
    legacy: 'gb18030',
    presence: () => ({ nickname: 'Me', group: '' }),
    timing: defaultTiming,
  });
  const messaging = new Messaging({
    ...common,
    sender,
    outbox: store.outbox,
    timing: defaultTiming,
    onPeerSeen: () => undefined,
    onPeerSilent: () => undefined,
  });
  // Packets reach the sealed service as they do in the messenger: through the route table.
  const routes = packetRoutes({
    discovery: {} as Discovery,
    courtesy: {} as Courtesy,
    transfers: {} as TransferService,
    groups: {} as Groups,
    pigeonGroups: {} as PigeonGroups,
    unsupported: {} as UnsupportedNotices,
    shakes: {} as Shakes,
    recalls: {} as Recalls,
    avatars: {} as Avatars,
    ipmsgKeys: {} as IpmsgKeys,
    messaging,
    sender,
    sealed,
    legacy: 'gb18030',
  });
  const route = (received: Packet) => routePacket(routes, received, BOB);
  const receive = (received: Packet) =>
    receiving.received(readIncomingMessage(received, 'gb18030'), BOB);
  return {
    store,
    sent,
    sealed,
    route,
    receive,
    sender,
    messaging,
    messages,
    conversations,
    directory,
  };
}

const flush = () => Promise.resolve();

describe('sealed message bits', () => {
  it('SECRETEXOPT is SECRETOPT|READCHECKOPT (0x100200), and that is what Pigeon seals with', () => {
    expect(Opt.SECRETEXOPT).toBe(0x100200);
    expect(SEALED_OPTIONS).toBe(Opt.SECRETEXOPT);
    // IP Messenger's sealed message with a read check, as the decimal on the wire.
    expect(Mode.SENDMSG | Opt.SENDCHECKOPT | Opt.SECRETEXOPT).toBe(1049376);
    expect(Mode.READMSG | Opt.READCHECKOPT).toBe(1048624);
    expect(Mode.ANSREADMSG).toBe(50);
  });

  it('reads golden READMSG / ANSREADMSG packets', () => {
    const read = packet('1:1700000201:shirouzu:jupiter:1048624:1700000200\0');
    expect(modeOf(read.command)).toBe(Mode.READMSG);
    expect(hasOption(read.command, Opt.READCHECKOPT)).toBe(true);
    expect(parseAckExtra(read.extra)).toBe(1700000200);
    const answer = packet('1:1700000300:shirouzu:jupiter:50:1700000201\0');
    expect(modeOf(answer.command)).toBe(Mode.ANSREADMSG);
    expect(parseAckExtra(answer.extra)).toBe(1700000201);
  });
});

describe('sending a sealed message', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sets SECRETOPT and READCHECKOPT beside SENDCHECKOPT, and keeps them on a resend', async () => {
    const { sent, messaging, store, sender } = setup();
    const [message] = messaging.send('bob@pc', 'for your eyes only', { sealed: true });
    await flush();
    expect(message?.sealed).toBe(true);
    expect(store.messages.get(message!.id)?.sealed).toBe(true);
    const first = sent.at(-1)!.packet;
    expect(modeOf(first.command)).toBe(Mode.SENDMSG);
    for (const bit of [Opt.SENDCHECKOPT, Opt.SECRETOPT, Opt.READCHECKOPT])
      expect(hasOption(first.command, bit)).toBe(true);
    expect(first.extra.toString('utf8')).toBe('for your eyes only\0');

    // Never confirmed: it fails, and the resend is sealed too.
    await vi.advanceTimersByTimeAsync(defaultTiming.retryIntervalMs * 6);
    expect(store.messages.get(message!.id)?.state).toBe('failed');
    messaging.resend(message!.id);
    await flush();
    const again = sent.at(-1)!.packet;
    expect(again.packetNo).not.toBe(first.packetNo);
    expect(hasOption(again.command, SEALED_OPTIONS)).toBe(true);
    sender.stop();
  });

  it('keeps a sealed message sealed while it waits in the outbox for an offline peer', async () => {
    const { sent, messaging, store, directory, sender } = setup();
    directory.setOffline('bob@pc');
    const [queued] = messaging.send('bob@pc', 'wait for me', { sealed: true });
    expect(queued).toMatchObject({ state: 'queued', sealed: true });
    expect(sent).toHaveLength(0);
    directory.upsert({ user: 'bob', host: 'pc', ...BOB, status: 'online', at: NOW + 1 });
    messaging.flushOutbox('bob@pc');
    await flush();
    const out = sent.at(-1)!.packet;
    expect(out.extra.toString('utf8')).toBe('wait for me\0');
    expect(hasOption(out.command, SEALED_OPTIONS)).toBe(true);
    expect(store.messages.get(queued!.id)).toMatchObject({ state: 'sending', sealed: true });
    sender.stop();
  });

  it('leaves a plain message unsealed', async () => {
    const { sent, messaging, sender } = setup();
    const [message] = messaging.send('bob@pc', 'hello');
    await flush();
    expect(message?.sealed).toBeUndefined();
    expect(hasOption(sent.at(-1)!.packet.command, Opt.SECRETOPT)).toBe(false);
    sender.stop();
  });
});

describe('the peer opens our sealed message (READMSG)', () => {
  it('marks it read once, answers every READMSG|READCHECKOPT with ANSREADMSG', async () => {
    const { sent, store, messages, route } = setup();
    const mine: MessageDTO = {
      id: 'out-1',
      conversationId: 'bob@pc',
      direction: 'out',
      text: 'sealed note',
      state: 'delivered',
      at: NOW,
      sealed: true,
    };
    store.messages.add(mine, { peerId: 'bob@pc', packetNo: 900 });
    const readmsg = packet(`1:77:bob:pc:${Mode.READMSG | Opt.READCHECKOPT}:900\0`);

    // Another peer claiming to have read it changes nothing.
    expect(route(packet(`1:5:eve:x:${Mode.READMSG}:900\0`))).toBe(true);
    expect(store.messages.get('out-1')?.readAt).toBeUndefined();

    expect(route(readmsg)).toBe(true);
    await flush();
    expect(store.messages.get('out-1')?.readAt).toBe(NOW + 5000);
    expect(messages).toEqual([expect.objectContaining({ id: 'out-1', readAt: NOW + 5000 })]);
    const answer = sent.at(-1)!;
    expect(modeOf(answer.packet.command)).toBe(Mode.ANSREADMSG);
    expect(answer.packet.extra.toString('latin1')).toBe('77\0');
    expect(answer.to).toBe('10.0.0.2:2425');

    // A repeat (our answer was lost) is answered again but read only once.
    route(readmsg);
    await flush();
    expect(sent.filter((s) => modeOf(s.packet.command) === Mode.ANSREADMSG)).toHaveLength(2);
    expect(messages).toHaveLength(1);
  });

  it('does not answer a READMSG that asks for no confirmation, and ignores a plain message', async () => {
    const { sent, store, messages, route } = setup();
    store.messages.add(
      {
        id: 'plain',
        conversationId: 'bob@pc',
        direction: 'out',
        text: 'x',
        state: 'delivered',
        at: NOW,
      },
      { peerId: 'bob@pc', packetNo: 901 },
    );
    route(packet(`1:78:bob:pc:${Mode.READMSG}:901\0`));
    route(packet(`1:79:bob:pc:${Mode.READMSG}:not-a-number\0`));
    await flush();
    expect(sent).toHaveLength(0);
    expect(messages).toHaveLength(0);
    expect(store.messages.get('plain')?.readAt).toBeUndefined();
    expect(route(packet(`1:80:bob:pc:${Mode.DELMSG}:901\0`))).toBe(true);
  });
});

describe('opening a sealed message we received', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('arrives without its text, is not found by search, and opens once', async () => {
    const { receive, sealed, store, messages, sent } = setup();
    receive(SEALED_FROM_BOB(500));
    await flush();
    const arrived = messages[0]!;
    expect(arrived).toMatchObject({ sealed: true, text: '', direction: 'in' });
    expect(arrived.readAt).toBeUndefined();
    expect(store.messages.list('bob@pc')[0]?.text).toBe('');
    expect(store.conversations.get('bob@pc')?.lastMessage?.text).toBe('');
    expect(store.messages.search('secret')).toEqual([]);
    // The RECVMSG went out as for any message.
    expect(sent.map((s) => modeOf(s.packet.command))).toEqual([Mode.RECVMSG]);

    const opened = sealed.open(arrived.id);
    expect(opened).toMatchObject({ text: 'secret plan', readAt: NOW + 5000, sealed: true });
    expect(messages.at(-1)).toEqual(opened);
    expect(store.messages.search('secret').map((hit) => hit.message.id)).toEqual([arrived.id]);
    await flush();
    const read = sent.at(-1)!.packet;
    expect(read.command).toBe(Mode.READMSG | Opt.READCHECKOPT);
    expect(read.extra.toString('latin1')).toBe('500\0');

    // Opening again tells nobody anything new.
    const count = sent.length;
    expect(sealed.open(arrived.id)).toEqual(opened);
    expect(messages.at(-1)).toEqual(opened);
    expect(messages).toHaveLength(2);
    sealed.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(count);
  });

  it('repeats READMSG every 750 ms until ANSREADMSG from the sender arrives', async () => {
    const { receive, sealed, messages, sent, route } = setup();
    receive(SEALED_FROM_BOB(501));
    sealed.open(messages[0]!.id);
    await flush();
    const reads = () => sent.filter((s) => modeOf(s.packet.command) === Mode.READMSG);
    expect(reads()).toHaveLength(1);
    const readNo = reads()[0]!.packet.packetNo;

    await vi.advanceTimersByTimeAsync(READ_RETRY_MS - 1);
    expect(reads()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(reads()).toHaveLength(2);
    // The same datagram each time, so the sender can tell it is a repeat.
    expect(reads()[1]!.bytes.equals(reads()[0]!.bytes)).toBe(true);

    // An answer from someone else does not count; the sender's does.
    route(packet(`1:9:eve:x:${Mode.ANSREADMSG}:${readNo}\0`));
    await vi.advanceTimersByTimeAsync(READ_RETRY_MS);
    expect(reads()).toHaveLength(3);
    route(packet(`1:10:bob:pc:${Mode.ANSREADMSG}:${readNo}\0`));
    expect(sealed.waiting).toBe(0);
    await vi.advanceTimersByTimeAsync(READ_RETRY_MS * 20);
    expect(reads()).toHaveLength(3);
  });

  it('stops repeating READMSG when the answer names the message instead of the READMSG', async () => {
    const { receive, sealed, messages, sent, route } = setup();
    receive(SEALED_FROM_BOB(504));
    sealed.open(messages[0]!.id);
    await flush();
    const reads = () => sent.filter((s) => modeOf(s.packet.command) === Mode.READMSG);
    route(packet(`1:11:bob:pc:${Mode.ANSREADMSG}:504\0`));
    expect(sealed.waiting).toBe(0);
    await vi.advanceTimersByTimeAsync(READ_RETRY_MS * 20);
    expect(reads()).toHaveLength(1);
  });

  it('gives up quietly after 12 repeats when the sender never answers', async () => {
    const { receive, sealed, messages, sent } = setup();
    receive(SEALED_FROM_BOB(502));
    const opened = sealed.open(messages[0]!.id);
    await vi.advanceTimersByTimeAsync(READ_RETRY_MS * 40);
    expect(sent.filter((s) => modeOf(s.packet.command) === Mode.READMSG)).toHaveLength(
      1 + READ_MAX_RETRIES,
    );
    expect(sealed.waiting).toBe(0);
    expect(opened.readAt).toBe(NOW + 5000);
  });

  it('sends one READMSG without READCHECKOPT when the sender did not ask for a confirmation', async () => {
    const { receive, sealed, messages, sent } = setup();
    receive(SEALED_FROM_BOB(503, 0));
    sealed.open(messages[0]!.id);
    await vi.advanceTimersByTimeAsync(READ_RETRY_MS * 20);
    const reads = sent.filter((s) => modeOf(s.packet.command) === Mode.READMSG);
    expect(reads).toHaveLength(1);
    expect(reads[0]!.packet.command).toBe(Mode.READMSG);
  });

  it('refuses to open a message that is not a sealed one we received', () => {
    const { receive, sealed, messages } = setup();
    receive(packet(`1:504:bob:pc:${Mode.SENDMSG | Opt.SENDCHECKOPT}:plain\0`));
    expect(() => sealed.open(messages[0]!.id)).toThrow(/no such sealed message/i);
    expect(() => sealed.open('nope')).toThrow(/no such sealed message/i);
  });
});
