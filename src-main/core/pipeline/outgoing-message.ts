// The one way out for every SENDMSG Pigeon writes: chat text, away replies, file offers
// and sealed messages are each described once (recipient, text, options, attachments) and
// built here, by an ordered list of steps and one encoder. A later step (a group tag,
// encryption) is one more entry in OUTGOING_STEPS, seen by every message.
import type { PeerRecord } from '../discovery/peer-directory';
import { hasOption, Mode, Opt } from '../ipmsg/commands';
import { entryEncoding } from '../ipmsg/entry';
import { buildMessageExtra, splitText } from '../ipmsg/message';
import { MAX_DATAGRAM_OUT } from '../ipmsg/packet';
import {
  chooseOutgoingEncoding,
  type LegacyEncoding,
  type OutgoingTextEncoding,
} from '../ipmsg/text';
import type { PacketSender } from '../net/packet-sender';
import { encryptMessageBody, encryptedSize } from '../ipmsg-crypto/message-cipher';
import type { RecipientCipher } from '../ipmsg-crypto/ipmsg-keys';

/**
 * What a sealed SENDMSG carries besides SENDCHECKOPT: sealed, and "tell me when it
 * is opened" (IP Messenger sends the two together, as SECRETEXOPT).
 */
export const SEALED_OPTIONS = Opt.SECRETOPT | Opt.READCHECKOPT;

/** FeiQ clones and unknown clients read at most 4 KB; the rest of the family 8 KB. */
const SMALL_DATAGRAM = 4096;

export interface MessageOptions {
  /** Ask for a RECVMSG (SENDCHECKOPT): the message is tracked and repeated until then. */
  confirm?: boolean;
  /** Sealed: the peer must open it, and tells us when it did. */
  sealed?: boolean;
  /** An automatic reply (away): marked so that it is never answered automatically. */
  autoReply?: boolean;
  /** One copy of a message sent to several (群发): MULTICASTOPT, as IP Messenger marks it. */
  multicast?: boolean;
}

/** One SENDMSG to write, as its sender describes it. */
export interface OutgoingMessage {
  recipient: PeerRecord;
  /** One part's text (see splitForRecipient for text longer than a datagram). */
  text: string;
  options: MessageOptions;
  /** An attachment list already written for this recipient (FILEATTACHOPT). */
  attachments?: Buffer;
  /** Retransmissions and queued messages keep their number; otherwise a fresh one. */
  packetNo?: number;
  /** Pigeon-only bytes after the text's NUL (a long message's part, see message-part.ts). */
  trailer?: Buffer;
}

/** What the steps work on: the description, and the packet it is becoming. */
export interface MessageDraft {
  readonly message: OutgoingMessage;
  command: number;
  /** How this recipient's client reads our text. */
  encoding: OutgoingTextEncoding;
  text: string;
  /** IP Messenger's encryption toward this recipient (ENCRYPTOPT), when it has a key. */
  cipher?: RecipientCipher;
}

/** Who gets IP Messenger's encryption (see ipmsg-crypto/ipmsg-keys.ts). */
export interface OutgoingEncryption {
  cipherFor(peer: PeerRecord): RecipientCipher | undefined;
  /** The peer offers it: its text is cut small enough to fit once encrypted. */
  offersEncryption(peer: PeerRecord): boolean;
}

export interface OutgoingContext {
  packets: PacketSender;
  legacy: LegacyEncoding;
  /** Our own names, which decide how iptux will read our text. */
  presence: () => { nickname: string; group: string };
  encryption?: OutgoingEncryption;
}

export type OutgoingStep = (draft: MessageDraft, context: OutgoingContext) => MessageDraft;

/** Text in the encoding the recipient's client reads, flagged UTF8OPT where it should be. */
const encodeForRecipient: OutgoingStep = (draft, context) => {
  const encoding = textEncodingFor(draft.message.recipient, context);
  return {
    ...draft,
    encoding,
    command: draft.command | (encoding.utf8Flag ? Opt.UTF8OPT : 0),
  };
};

/** The option bits the description asks for. */
const markOptions: OutgoingStep = (draft) => {
  const { options, attachments } = draft.message;
  let command = draft.command;
  if (options.confirm) command |= Opt.SENDCHECKOPT;
  if (options.sealed) command |= SEALED_OPTIONS;
  if (options.autoReply) command |= Opt.AUTORETOPT;
  if (options.multicast) command |= Opt.MULTICASTOPT;
  if (attachments !== undefined) command |= Opt.FILEATTACHOPT;
  return { ...draft, command };
};

/**
 * IP Messenger's encryption toward a client that offers it and sent its key; the
 * attachment list goes inside too when the recipient reads it there (ENCEXTMSGOPT).
 */
const encryptForRecipient: OutgoingStep = (draft, context) => {
  const { recipient, attachments } = draft.message;
  const cipher = context.encryption?.cipherFor(recipient);
  if (!cipher) return draft;
  const inside = attachments !== undefined && hasOption(recipient.capabilities, Opt.ENCEXTMSGOPT);
  const command = draft.command | Opt.ENCRYPTOPT | (inside ? Opt.ENCEXTMSGOPT : 0);
  return { ...draft, cipher, command };
};

/** Every outgoing SENDMSG passes these, in this order. */
export const OUTGOING_STEPS: readonly OutgoingStep[] = [
  encodeForRecipient,
  markOptions,
  encryptForRecipient,
];

function draftOf(message: OutgoingMessage, context: OutgoingContext): MessageDraft {
  const start: MessageDraft = {
    message,
    command: Mode.SENDMSG,
    encoding: { encoding: 'utf8', utf8Flag: false },
    text: message.text,
  };
  return OUTGOING_STEPS.reduce((draft, step) => step(draft, context), start);
}

/** The datagram for one message: its steps, then the extra `text\0[attachments\0]`. */
export function buildMessagePacket(message: OutgoingMessage, context: OutgoingContext): Buffer {
  const draft = draftOf(message, context);
  const packetNo = message.packetNo ?? context.packets.nextPacketNo();
  if (draft.cipher)
    return context.packets.build(
      draft.command,
      encryptedExtra(draft, draft.cipher, packetNo),
      packetNo,
    );
  const extra = buildMessageExtra(draft.text, draft.encoding, message.attachments);
  const withTrailer =
    message.trailer && !message.attachments ? Buffer.concat([extra, message.trailer]) : extra;
  return context.packets.build(draft.command, withTrailer, packetNo);
}

/**
 * `CAPS:key:ciphertext[:signature]` over `text\0` (and the attachment list with
 * ENCEXTMSGOPT); otherwise the list follows in the clear after a NUL, as IP Messenger
 * writes it. The IV is this packet's number, so a retransmission carries the same bytes.
 */
function encryptedExtra(draft: MessageDraft, cipher: RecipientCipher, packetNo: number): Buffer {
  const { attachments } = draft.message;
  const inside = hasOption(draft.command, Opt.ENCEXTMSGOPT);
  const plain = buildMessageExtra(draft.text, draft.encoding, inside ? attachments : undefined);
  const body = encryptMessageBody({ plain, packetNo, ...cipher });
  if (inside || attachments === undefined || attachments.length === 0) return body;
  return Buffer.concat([body, Buffer.from([0]), attachments, Buffer.from([0])]);
}

/**
 * Text too long for one datagram to this recipient, cut into parts that each fit
 * (with the header and the options the message will carry).
 */
export function splitForRecipient(
  message: Omit<OutgoingMessage, 'packetNo' | 'attachments'>,
  context: OutgoingContext,
): string[] {
  const draft = draftOf(message, context);
  const { client } = message.recipient;
  const limit = client === 'feiq' || client === 'unknown' ? SMALL_DATAGRAM : MAX_DATAGRAM_OUT;
  // Room for the header, the trailing NUL, a margin for a longer packet number and the trailer.
  const room =
    limit - context.packets.headerBytes(draft.command) - 16 - (message.trailer?.length ?? 0);
  // Its key may come only after the cut: a peer that offers encryption gets parts that fit it.
  const encrypted = draft.cipher ?? context.encryption?.offersEncryption(message.recipient);
  const plainRoom = encrypted ? plainBytesWithin(room - 8) : room;
  return splitText(message.text.replace(/\r\n?/g, '\n'), plainRoom, draft.encoding.encoding);
}

/** The most plain bytes whose encrypted body (hex, the larger encoding) fits in `room`. */
function plainBytesWithin(room: number): number {
  let plain = Math.max(0, Math.floor(room / 2) - 600);
  while (encryptedSize(plain + 16) <= room) plain += 16;
  return plain;
}

/** How text to this peer is encoded (chosen by its client, and by our own names for iptux). */
export function textEncodingFor(peer: PeerRecord, context: OutgoingContext): OutgoingTextEncoding {
  const own = entryEncoding(context.presence(), context.legacy);
  return chooseOutgoingEncoding(peer, context.legacy, own);
}
