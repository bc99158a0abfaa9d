import type { Avatars } from '../../../src-main/core/avatars/avatars';
import type { Recalls } from '../../../src-main/core/messaging/recall';
import type { IpmsgKeys } from '../../../src-main/core/ipmsg-crypto/ipmsg-keys';
import { RECALL_MODE, RECALLED_MODE } from '../../../src-main/core/ipmsg/recall';
import {
  GROUP_FETCH_MODE,
  GROUP_STATE_MODE,
} from '../../../src-main/core/groups/pigeon-group-packets';
import type { PigeonGroups } from '../../../src-main/core/groups/pigeon-groups';
import { describe, expect, it } from 'vitest';
import type { Discovery } from '../../../src-main/core/discovery/discovery';
import { decodePacket, Mode, modeName, Opt, type Packet } from '../../../src-main/core/ipmsg';
import type { Courtesy } from '../../../src-main/core/messaging/courtesy';
import type { Groups } from '../../../src-main/core/groups/groups';
import type { Messaging } from '../../../src-main/core/messaging/messaging';
import type { SealedMessages } from '../../../src-main/core/messaging/sealed';
import { packetRoutes, routePacket } from '../../../src-main/core/packet-routes';
import type { IncomingMessage } from '../../../src-main/core/pipeline/incoming-message';
import type { MessageSender } from '../../../src-main/core/pipeline/message-sender';
import type { TransferService } from '../../../src-main/core/transfer/transfers';
import type { UnsupportedNotices } from '../../../src-main/core/unsupported-notices';
import type { Shakes } from '../../../src-main/core/shakes/shakes';

const FROM = { address: '10.0.0.2', port: 2425 };

function packet(command: number, extra = ''): Packet {
  const result = decodePacket(
    Buffer.from(`1_lbt6_0#128#000C29D0E0B4:7:bob:pc:${command}:${extra}`),
  );
  if (!result.ok) throw new Error(result.detail);
  return result.packet;
}

/** Every owner records which of its handlers a packet reached, and nothing else. */
function recordingOwners() {
  const calls: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push(name);
      return name === 'messaging.received' ? { id: 'bob@pc' } : args[0];
    };
  const owner = <T>(name: string, methods: string[]) =>
    Object.fromEntries(methods.map((m) => [m, record(`${name}.${m}`)])) as unknown as T;
  const incoming: IncomingMessage[] = [];
  const messaging = owner<Messaging>('messaging', ['received', 'peerReentered']);
  const courtesy = owner<Courtesy>('courtesy', ['messageArrived', 'peerTyping']);
  const spy = messaging.received.bind(messaging);
  messaging.received = (message, from) => {
    incoming.push(message);
    return spy(message, from);
  };
  const routes = packetRoutes({
    discovery: owner<Discovery>('discovery', [
      'entered',
      'sighted',
      'left',
      'answerVersion',
      'answerAbsence',
      'signatureHeard',
    ]),
    messaging,
    sender: owner<MessageSender>('sender', ['acknowledged']),
    sealed: owner<SealedMessages>('sealed', ['peerOpened', 'receiptConfirmed']),
    courtesy,
    transfers: owner<TransferService>('transfers', ['released']),
    groups: owner<Groups>('groups', ['iptuxReceived', 'feiqReceived', 'broadcastReceived']),
    recalls: owner<Recalls>('recalls', ['received', 'confirmed']),
    avatars: owner<Avatars>('avatars', ['iptuxIcon']),
    pigeonGroups: owner<PigeonGroups>('pigeonGroups', [
      'stateReceived',
      'fetchReceived',
      'messageArrived',
    ]),
    ipmsgKeys: owner<IpmsgKeys>('ipmsgKeys', ['keyRequested', 'keyAnswered', 'open']),
    unsupported: owner<UnsupportedNotices>('unsupported', ['received']),
    shakes: owner<Shakes>('shakes', ['received']),
    legacy: 'gb18030',
  });
  return { routes, calls, incoming };
}

describe('packet routes: one owner per command', () => {
  const expected: [number, string[]][] = [
    [Mode.NOOPERATION, []],
    [Mode.BR_ENTRY, ['messaging.peerReentered', 'discovery.entered']],
    [Mode.ANSENTRY, ['discovery.sighted']],
    [Mode.BR_ABSENCE, ['discovery.sighted']],
    [Mode.BR_EXIT, ['discovery.left']],
    [Mode.GETINFO, ['discovery.answerVersion']],
    [Mode.GETABSENCEINFO, ['discovery.answerAbsence']],
    [Mode.SENDINFO, []],
    [Mode.SENDABSENCEINFO, []],
    [Mode.IPTUX_SENDSIGN, ['discovery.signatureHeard']],
    [Mode.SENDMSG, ['messaging.received', 'courtesy.messageArrived']],
    // A message's and a file offer's confirmation alike: never offered to transfers.
    [Mode.RECVMSG, ['sender.acknowledged']],
    [Mode.READMSG, ['sealed.peerOpened']],
    [Mode.ANSREADMSG, ['sealed.receiptConfirmed']],
    [Mode.DELMSG, []],
    [Mode.RELEASEFILES, ['transfers.released']],
    [Mode.TYPING, ['courtesy.peerTyping']],
    [Mode.TYPING_STOP, ['courtesy.peerTyping']],
    [Mode.OPEN_WINDOW, []],
    // iptux's group and broadcast message: kept in a group, no longer dropped as unknown.
    [Mode.IPTUX_GROUP_MSG, ['groups.iptuxReceived']],
    // FeiQ's sealed group message (0x400023), heard on its multicast group.
    [Mode.FEIQ_GROUP_MSG, ['groups.feiqReceived']],
    [RECALL_MODE, ['recalls.received']],
    [RECALLED_MODE, ['recalls.confirmed']],
    // iptux's icon: the peer's avatar.
    [Mode.IPTUX_SENDICON, ['avatars.iptuxIcon']],
    // FeiQ's window shake: a line in the chat, and the window shakes.
    [Mode.KNOCK, ['shakes.received']],
    // Pigeon groups: their state, and a member asking for it.
    [GROUP_STATE_MODE, ['pigeonGroups.stateReceived']],
    [GROUP_FETCH_MODE, ['pigeonGroups.fetchReceived']],
    // IP Messenger's key exchange.
    [Mode.GETPUBKEY, ['ipmsgKeys.keyRequested']],
    [Mode.ANSPUBKEY, ['ipmsgKeys.keyAnswered']],
    // What Pigeon cannot show yet: told in the peer's chat, not counted as dropped.
    [Mode.FEIQ_IMAGE, ['unsupported.received']],
    [Mode.FEIQ_GROUP_ANNOUNCE, ['unsupported.received']],
    [Mode.IPTUX_SENDSUBLAYER, ['unsupported.received']],
    [Mode.IPTUX_ASKSHARED, ['unsupported.received']],
  ];

  it.each(expected)('mode %i reaches exactly its owner', (mode, owners) => {
    const { routes, calls } = recordingOwners();
    expect(routePacket(routes, packet(mode, '1\0'), FROM), modeName(mode)).toBe(true);
    expect(calls).toEqual(owners);
  });

  it('lists no mode twice and no mode the table does not test', () => {
    const { routes } = recordingOwners();
    expect([...routes.keys()].sort((a, b) => a - b)).toEqual(
      expected.map(([mode]) => mode).sort((a, b) => a - b),
    );
  });

  it('offers an unknown mode to nobody and says so (the intake counts it)', () => {
    const { routes, calls } = recordingOwners();
    expect(routePacket(routes, packet(0xee, 'x'), FROM)).toBe(false);
    expect(routePacket(routes, packet(0x7fee), FROM)).toBe(false);
    expect(calls).toEqual([]);
  });

  it('hands a broadcast SENDMSG (a notice to everyone) to the groups, not to the chat', () => {
    const { routes, calls } = recordingOwners();
    routePacket(routes, packet(Mode.SENDMSG | Opt.BROADCASTOPT, 'notice\0'), FROM);
    expect(calls).toEqual(['groups.broadcastReceived']);
  });

  it('hands SENDMSG to messaging already read by the incoming pipeline, options and all', () => {
    const { routes, incoming } = recordingOwners();
    const command = Mode.SENDMSG | Opt.SENDCHECKOPT | Opt.SECRETOPT | Opt.READCHECKOPT;
    routePacket(
      routes,
      packet(command, 'hello{/font;-12 0 0 0 400 0 0 0 134 3 2 1 2 宋体 0;}\0'),
      FROM,
    );
    expect(incoming).toHaveLength(1);
    expect(incoming[0]).toMatchObject({
      text: 'hello',
      options: { confirm: true, sealed: true, readCheck: true, autoReply: false, broadcast: false },
    });
  });
});
