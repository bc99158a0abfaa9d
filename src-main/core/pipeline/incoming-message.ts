// The one way in for every SENDMSG Pigeon receives: the packet is read by an ordered list
// of steps into what its receivers need (text, attachment list, the sender's options).
// A later step (verify a signature, decrypt, read a group tag) is one more entry in
// INCOMING_STEPS, before anyone sees the text.
import { pigeonGroupId } from '../../../src-shared/contract';
import { detectClient } from '../ipmsg/client';
import { hasOption, Opt } from '../ipmsg/commands';
import { readGroupTrailer, type GroupTag } from '../ipmsg/group-tag';
import { readPartTrailer, type MessagePart } from '../ipmsg/message-part';
import { readOrderTrailer } from '../ipmsg/message-order';
import { parseMessageExtra } from '../ipmsg/message';
import type { Packet } from '../ipmsg/packet';
import { legacyEncodingFor, type LegacyEncoding } from '../ipmsg/text';
import type { DecryptResult } from '../ipmsg-crypto/message-cipher';

/** What the sender asked for, read from the option bits. */
export interface ReceivedOptions {
  /** The sender waits for our RECVMSG. */
  confirm: boolean;
  sealed: boolean;
  /** Sealed, and the sender wants to hear when it is opened. */
  readCheck: boolean;
  /** An automatic reply: never answered automatically. */
  autoReply: boolean;
  /** Sent to everyone at once: never acknowledged, never answered automatically. */
  broadcast: boolean;
}

export interface IncomingMessage {
  readonly packet: Packet;
  text: string;
  /** The raw attachment list (FILEATTACHOPT), read by the transfers service. */
  attachments?: Buffer;
  /** The codepage that the sender's client writes, for its attachment names too. */
  legacy: LegacyEncoding;
  options: ReceivedOptions;
  /** One part of a long message from another Pigeon, to be shown joined with the rest. */
  part?: MessagePart;
  /** From a Pigeon that sent it while this earlier message of its own was unconfirmed. */
  after?: number;
  /** Written to a group: the group conversation's id (the author is the sender). */
  groupId?: string;
  /** A Pigeon group's message: which group, and the digest of the sender's copy of it. */
  groupTag?: GroupTag;
  /** Encrypted (ENCRYPTOPT) and could not be opened: kept as a line saying so, without text. */
  undecryptable?: boolean;
}

/** Opens IP Messenger's encrypted bodies (see ipmsg-crypto/ipmsg-keys.ts). */
export interface IncomingDecryption {
  open(packet: Packet, body: Buffer): DecryptResult;
}

export type IncomingStep = (
  message: IncomingMessage,
  decryption: IncomingDecryption | undefined,
) => IncomingMessage;

/**
 * ENCRYPTOPT: the body up to the first NUL is opened, and the packet the later steps read
 * carries the plain bytes (with the attachment list from inside, or still after the NUL).
 */
const decrypt: IncomingStep = (message, decryption) => {
  const { packet } = message;
  if (!hasOption(packet.command, Opt.ENCRYPTOPT)) return message;
  const nul = packet.extra.indexOf(0);
  const body = nul === -1 ? packet.extra : packet.extra.subarray(0, nul);
  const opened = decryption?.open(packet, body);
  if (!opened?.ok) return { ...message, undecryptable: true };
  const inside = hasOption(packet.command, Opt.ENCEXTMSGOPT);
  const after = nul === -1 || inside ? undefined : packet.extra.subarray(nul);
  const extra = after ? Buffer.concat([withoutTrailingNul(opened.plain), after]) : opened.plain;
  return { ...message, packet: { ...packet, extra } };
};

/** The text's own NUL, dropped so the clear attachment list keeps its single separator. */
function withoutTrailingNul(plain: Buffer): Buffer {
  const nul = plain.indexOf(0);
  return nul === -1 ? plain : plain.subarray(0, nul);
}

/** Text decoded by flag, validity and the sender's codepage; FeiQ's font suffix dropped. */
const decodeBody: IncomingStep = (message) => {
  if (message.undecryptable) return message;
  const { text, attachments } = parseMessageExtra(
    message.packet.extra,
    message.packet.command,
    message.legacy,
  );
  return { ...message, text, ...(attachments ? { attachments } : {}) };
};

/** A Pigeon's part marker (never read from other clients, nor beside an attachment list). */
const readPart: IncomingStep = (message) => {
  const { packet } = message;
  if (hasOption(packet.command, Opt.FILEATTACHOPT)) return message;
  if (detectClient(packet.version) !== 'pigeon') return message;
  const part = readPartTrailer(packet.extra);
  return part ? { ...message, part } : message;
};

/** A Pigeon's order marker: shown after the message it names (never read from others). */
const readOrder: IncomingStep = (message) => {
  const { packet } = message;
  if (message.part || hasOption(packet.command, Opt.FILEATTACHOPT)) return message;
  if (detectClient(packet.version) !== 'pigeon') return message;
  const after = readOrderTrailer(packet.extra);
  return after === undefined ? message : { ...message, after };
};

/** A Pigeon's group tag: the message goes to that group's conversation (never from others). */
const readGroupTag: IncomingStep = (message) => {
  const { packet } = message;
  if (message.part || hasOption(packet.command, Opt.FILEATTACHOPT)) return message;
  if (detectClient(packet.version) !== 'pigeon') return message;
  const groupTag = readGroupTrailer(packet.extra);
  return groupTag ? { ...message, groupTag, groupId: pigeonGroupId(groupTag.groupId) } : message;
};

/** Every received SENDMSG passes these, in this order. */
export const INCOMING_STEPS: readonly IncomingStep[] = [
  decrypt,
  decodeBody,
  readPart,
  readGroupTag,
  readOrder,
];

export function optionsOfMessage(command: number): ReceivedOptions {
  const sealed = hasOption(command, Opt.SECRETOPT);
  return {
    confirm: hasOption(command, Opt.SENDCHECKOPT),
    sealed,
    readCheck: sealed && hasOption(command, Opt.READCHECKOPT),
    autoReply: hasOption(command, Opt.AUTORETOPT),
    broadcast: hasOption(command, Opt.BROADCASTOPT),
  };
}

/** Reads a SENDMSG; `legacy` is the user's codepage for clients that do not say theirs. */
export function readIncomingMessage(
  packet: Packet,
  legacy: LegacyEncoding,
  decryption?: IncomingDecryption,
): IncomingMessage {
  const start: IncomingMessage = {
    packet,
    text: '',
    legacy: legacyEncodingFor(packet.version, legacy),
    options: optionsOfMessage(packet.command),
  };
  return INCOMING_STEPS.reduce((message, step) => step(message, decryption), start);
}
