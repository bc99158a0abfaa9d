// Whose each IPMsg command is: one table from command mode to the handler that owns it,
// read top to bottom like a switch over the command. A mode missing here is unknown and
// counted as such by the intake; no service ever sees a packet that is not its own.
import type { Avatars } from './avatars/avatars';
import type { Discovery } from './discovery/discovery';
import { peerIdOf } from './discovery/peer-directory';
import { Mode, modeOf } from './ipmsg/commands';
import type { Packet } from './ipmsg/packet';
import type { LegacyEncoding } from './ipmsg/text';
import type { Courtesy } from './messaging/courtesy';
import type { Groups } from './groups/groups';
import { GROUP_FETCH_MODE, GROUP_STATE_MODE } from './groups/pigeon-group-packets';
import type { PigeonGroups } from './groups/pigeon-groups';
import type { Messaging } from './messaging/messaging';
import type { Recalls } from './messaging/recall';
import { RECALL_MODE, RECALLED_MODE } from './ipmsg/recall';
import type { SealedMessages } from './messaging/sealed';
import { readIncomingMessage } from './pipeline/incoming-message';
import type { MessageSender } from './pipeline/message-sender';
import type { TransferService } from './transfer/transfers';
import type { Endpoint } from './net/endpoint';
import type { IpmsgKeys } from './ipmsg-crypto/ipmsg-keys';
import { UNSUPPORTED_MODES, type UnsupportedNotices } from './unsupported-notices';
import type { Shakes } from './shakes/shakes';

export type PacketHandler = (packet: Packet, from: Endpoint) => void;
export type PacketRoutes = ReadonlyMap<number, PacketHandler>;

export interface PacketOwners {
  discovery: Discovery;
  messaging: Messaging;
  sender: MessageSender;
  sealed: SealedMessages;
  courtesy: Courtesy;
  transfers: TransferService;
  groups: Groups;
  pigeonGroups: PigeonGroups;
  recalls: Recalls;
  avatars: Avatars;
  /** IP Messenger's encryption: the key exchange, and opening encrypted messages. */
  ipmsgKeys: IpmsgKeys;
  unsupported: UnsupportedNotices;
  /** FeiQ's window shake (0xD1). */
  shakes: Shakes;
  /** The user's codepage, for messages from clients that do not say theirs. */
  legacy: LegacyEncoding;
}

/** Answers to questions Pigeon does not ask, and signals that change nothing: known, not unknown. */
const nothing: PacketHandler = () => undefined;

export function packetRoutes(owners: PacketOwners): PacketRoutes {
  const { discovery, messaging, sender, sealed, courtesy, transfers, groups, recalls, avatars } =
    owners;
  const { legacy, pigeonGroups, ipmsgKeys, unsupported, shakes } = owners;
  return new Map<number, PacketHandler>([
    // Presence: discovery.
    [Mode.NOOPERATION, nothing],
    [
      Mode.BR_ENTRY,
      (packet, from) => {
        // Other clients (iptux) restart their packet numbers when they re-enter.
        messaging.peerReentered(peerIdOf(packet.user, packet.host));
        discovery.entered(packet, from);
      },
    ],
    [Mode.ANSENTRY, (packet, from) => discovery.sighted(packet, from)],
    [Mode.BR_ABSENCE, (packet, from) => discovery.sighted(packet, from)],
    [Mode.BR_EXIT, (packet, from) => discovery.left(packet, from)],
    [Mode.GETINFO, (_packet, from) => discovery.answerVersion(from)],
    [Mode.GETABSENCEINFO, (_packet, from) => discovery.answerAbsence(from)],
    [Mode.SENDINFO, nothing],
    [Mode.SENDABSENCEINFO, nothing],
    // iptux's personal signature, sent after its entries.
    [Mode.IPTUX_SENDSIGN, (packet, from) => discovery.signatureHeard(packet, from)],

    // Messages: read by the incoming pipeline, kept by messaging, answered by courtesy.
    [
      Mode.SENDMSG,
      (packet, from) => {
        const message = readIncomingMessage(packet, legacy, ipmsgKeys);
        // A notice to everyone (IPMsg's broadcast message) is kept with the broadcasts.
        if (message.options.broadcast && !message.part)
          return groups.broadcastReceived(message, from);
        // A Pigeon group's message: its group is known (or asked for) before it is kept.
        if (message.groupTag)
          pigeonGroups.messageArrived(message.groupTag, peerIdOf(packet.user, packet.host));
        const peer = messaging.received(message, from);
        courtesy.messageArrived(message, peer);
      },
    ],
    // Confirms a message or a file offer: both went out through the sender.
    [Mode.RECVMSG, (packet) => sender.acknowledged(packet)],
    [Mode.READMSG, (packet, from) => sealed.peerOpened(packet, from)],
    [Mode.ANSREADMSG, (packet) => sealed.receiptConfirmed(packet)],
    // A sealed message discarded unopened: ours simply stays unread.
    [Mode.DELMSG, nothing],
    // Pigeon-only: a message taken back by its sender, and the confirmation.
    [RECALL_MODE, (packet, from) => recalls.received(packet, from)],
    [RECALLED_MODE, (packet) => recalls.confirmed(packet)],

    // IP Messenger's key exchange: our key to whoever asks, theirs kept for what we send.
    [Mode.GETPUBKEY, (packet, from) => ipmsgKeys.keyRequested(packet, from)],
    [Mode.ANSPUBKEY, (packet, from) => ipmsgKeys.keyAnswered(packet, from)],

    // Files: the offer's packets besides the SENDMSG itself.
    [Mode.RELEASEFILES, (packet, from) => transfers.released(packet, from)],

    // FeiQ's (and Pigeon's) typing indicator; OPEN_WINDOW needs nothing from us.
    [Mode.TYPING, (packet, from) => courtesy.peerTyping(packet, from, true)],
    [Mode.TYPING_STOP, (packet, from) => courtesy.peerTyping(packet, from, false)],
    [Mode.OPEN_WINDOW, nothing],

    // Group conversations: FeiQ's (multicast, sealed) and iptux's group and broadcast message.
    [Mode.FEIQ_GROUP_MSG, (packet, from) => groups.feiqReceived(packet, from)],
    [Mode.IPTUX_GROUP_MSG, (packet, from) => groups.iptuxReceived(packet, from)],

    // iptux's icon, shown as the peer's avatar (Pigeons fetch theirs over TCP instead).
    [Mode.IPTUX_SENDICON, (packet, from) => avatars.iptuxIcon(packet, from)],
    // FeiQ's window shake: a line in the peer's chat, and its open window shakes.
    [Mode.KNOCK, (packet, from) => shakes.received(packet, from)],
    // Pigeon-only: a Pigeon group's state (confirmed by RECVMSG), and a member asking for it.
    [GROUP_STATE_MODE, (packet, from) => pigeonGroups.stateReceived(packet, from)],
    [GROUP_FETCH_MODE, (packet) => pigeonGroups.fetchReceived(packet)],
    // What Pigeon cannot show yet: one line in the peer's chat, never a silent drop.
    ...[...UNSUPPORTED_MODES.keys()].map((mode): [number, PacketHandler] => [
      mode,
      (packet) => unsupported.received(packet),
    ]),
  ]);
}

/** Hands a packet to its owner; false when no one owns its mode (counted as unknown). */
export function routePacket(routes: PacketRoutes, packet: Packet, from: Endpoint): boolean {
  const handler = routes.get(modeOf(packet.command));
  if (!handler) return false;
  handler(packet, from);
  return true;
}
