// The data that crosses between main and the windows: peers, messages, conversations,
// transfers, settings. Plain objects; the few enums are zod schemas because requests
// reuse them.
import { z } from 'zod';
import type { TrustWarningDTO } from './trust';

export const PeerStatusSchema = z.enum(['online', 'away', 'busy', 'offline']);
export type PeerStatus = z.infer<typeof PeerStatusSchema>;

/**
 * The user's own status: what peers see (online, away, busy), or invisible: no entry
 * broadcast, answers only to peers already in a conversation (they see online).
 */
export const SelfStatusSchema = z.enum(['online', 'away', 'busy', 'invisible']);
export type SelfStatus = z.infer<typeof SelfStatusSchema>;

/** Which program a peer runs, guessed from its version field. */
export const PeerClientSchema = z.enum([
  'pigeon',
  'ipmsg',
  'feiq',
  'iptux',
  'udp',
  'tcp',
  'unknown',
]);
export type PeerClient = z.infer<typeof PeerClientSchema>;

export interface PeerDTO {
  /** Stable identity across address changes: `user@host`. */
  id: string;
  nickname: string;
  group: string;
  user: string;
  host: string;
  address: string;
  port: number;
  status: PeerStatus;
  /** The personal signature (个性签名) the peer announced, cleaned (cleanSignature). */
  signature?: string;
  client: PeerClient;
  /** Raw version field, shown in the peer's details. */
  version: string;
  /** Milliseconds since the epoch of the last datagram heard from the peer. */
  lastSeen: number;
  /** Set for a plain contact (client `udp` or `tcp`): bare text, no IPMsg. */
  plain?: PlainContactDTO;
  /**
   * A newcomer that claimed a known peer's `user@host` while that peer still answered
   * at its own address: kept apart, under `user@host~address`, and shown unverified.
   */
  unverified?: boolean;
  /**
   * The hash of the peer's avatar picture (getAvatar gives its bytes), once Pigeon has it
   * and checked it; absent: letters.
   */
  avatar?: string;
  /**
   * Messages to and from this client (IP Messenger 4.x, FeiQ) use IP Messenger's own
   * encryption: it offered it and sent its RSA key. Absent otherwise.
   */
  ipmsgEncrypted?: boolean;
  /** The user compared fingerprints with this Pigeon and marked its key verified. */
  keyVerified?: boolean;
}

export const PlainEncodingSchema = z.enum(['utf8', 'gbk']);
export type PlainEncoding = z.infer<typeof PlainEncodingSchema>;

export const PlainProtocolSchema = z.enum(['udp', 'tcp']);
export type PlainProtocol = z.infer<typeof PlainProtocolSchema>;
/** TCP: Pigeon connects to the program, or waits for the program to connect. */
export const PlainConnectionSchema = z.enum(['connect', 'listen']);
export type PlainConnection = z.infer<typeof PlainConnectionSchema>;
/** TCP: text typed while not connected is queued and sent on connect, or refused. */
export const PlainWhenDisconnectedSchema = z.enum(['queue', 'refuse']);
export type PlainWhenDisconnected = z.infer<typeof PlainWhenDisconnectedSchema>;

/**
 * Where a TCP contact's connection stands: connecting (or waiting for the program),
 * connected, closed by the program, refused, or failed for another reason.
 */
export type PlainLinkState =
  'connecting' | 'waiting' | 'connected' | 'closed' | 'refused' | 'failed';

/** A TCP contact's connection as the chat shows it. */
export interface PlainLinkDTO {
  state: PlainLinkState;
  /** The program's address:port while connected. */
  remote?: string;
  /** When Pigeon tries again on its own (connect contacts), ms since the epoch. */
  retryAt?: number;
  /** Why it closed or failed, in plain words. */
  reason?: string;
  /** Messages typed meanwhile and waiting for the connection. */
  queued: number;
}

/**
 * How Pigeon talks to a plain program. Its peer id is `udp:<host>:<port>`,
 * `tcp:<host>:<port>`, or `tcp-listen:<local port>` for a TCP contact that waits.
 */
export interface PlainContactDTO {
  /** As the user typed it: an IPv4 address or a host name ('' for any, TCP waiting only). */
  host: string;
  port: number;
  encoding: PlainEncoding;
  /** The local port Pigeon sends from and listens on (UDP) or waits on (TCP listen). */
  localPort: number;
  /** Why the contact cannot be reached now (port taken, name not found), in plain words. */
  problem?: string;
  /** Absent on contacts kept by older versions: UDP. */
  protocol?: PlainProtocol;
  connection?: PlainConnection;
  lineBased?: boolean;
  whenDisconnected?: PlainWhenDisconnected;
  /** TCP only. */
  link?: PlainLinkDTO;
}

export type MessageDirection = 'in' | 'out';
/**
 * Outgoing: sending → delivered | failed (resend goes back to sending).
 * Written to an offline peer, or not confirmed by a peer that went away: queued, sent
 * by itself when the peer is heard again (or cancelled by the user).
 * Incoming messages are `received`, or `undecryptable` when IP Messenger's encryption
 * could not be opened (no text). Either side: `recalled` once the sender took it back
 * (its text is gone). A `notice` is a line about a Pigeon group (who added whom, a new
 * name) or a peer's window shake, its text read by `readGroupNotice`.
 */
export type MessageState =
  | 'queued'
  | 'sending'
  | 'delivered'
  | 'failed'
  | 'cancelled'
  | 'received'
  | 'recalled'
  | 'notice'
  | 'undecryptable';

export interface MessageDTO {
  id: string;
  conversationId: string;
  direction: MessageDirection;
  text: string;
  state: MessageState;
  /** Milliseconds since the epoch when it was sent (out) or received (in). */
  at: number;
  /** Why it failed, in plain words, when state is `failed`. */
  error?: string;
  /** Files, a folder or an image offered with this message: the transfer's id. */
  transferId?: string;
  /** A sealed message: the receiver must open it, and the sender learns when. */
  sealed?: boolean;
  /**
   * Sealed messages: when it was opened (out: the peer opened it; in: we did).
   * Unset while still sealed.
   */
  readAt?: number;
  /** In a group conversation, the peer who wrote an incoming message. */
  authorId?: string;
  /** Our message to a Pigeon group: how many members confirmed it, of all it was for. */
  delivery?: { delivered: number; of: number };
}

/** One member's copy of our message to a Pigeon group (the list behind "Delivered to"). */
export interface GroupDeliveryDTO {
  peerId: string;
  nickname: string;
  /** `forwarded`: not a Pigeon, sent a one-to-one copy in its own chat. */
  state: 'sending' | 'queued' | 'delivered' | 'forwarded';
  /** Its key changed: the copy waits until the user accepts the new key in its chat. */
  keyChanged?: true;
}

/** What a peer sent that Pigeon cannot show yet, told in its chat instead of dropped. */
export type UnsupportedKind = 'picture' | 'group-announcement' | 'photo' | 'shared-files';

/** One contact's copy of a message sent to several (群发). */
export interface SeveralCopyDTO {
  peerId: string;
  /** The copy in the contact's conversation (several when the text had to be split). */
  messages: MessageDTO[];
  /** Why this contact got no copy, in plain words. */
  error?: string;
}

export interface ConversationDTO {
  /** For a one-to-one conversation, the peer's id. */
  id: string;
  peerId: string;
  unread: number;
  lastMessage?: MessageDTO;
  /** Kept at the top of the recent chats by the user. */
  pinned?: boolean;
}

/** The name the user gave a contact (备注), shown instead of its nickname. */
export interface RemarkDTO {
  peerId: string;
  remark: string;
}

export type Language = 'zh-CN' | 'en';
export type Theme = 'system' | 'light' | 'dark';
/** Which key sends in the composer; the other one inserts a line break. */
export type SendKey = 'enter' | 'ctrl-enter';
/** Offered files: always ask, or take them from contacts without asking (up to a size). */
export type ReceiveFiles = 'ask' | 'accept-from-contacts';

export interface SelfDTO {
  nickname: string;
  group: string;
  user: string;
  host: string;
  status: SelfStatus;
  port: number;
  language: Language;
  theme: Theme;
  /** Sent once in a while to whoever writes while we are away (empty: none). */
  autoReply?: string;
  /** Personal signature (个性签名), shown under the name. */
  signature?: string;
  /** The hash of the user's avatar picture (getAvatar gives its bytes); absent: letters. */
  avatar?: string;
  /** Absent: Enter sends. */
  sendKey?: SendKey;
  /** A sound on new messages; absent: on. */
  sounds?: boolean;
  /** A system notification on new messages; absent: on. */
  notifications?: boolean;
}

export interface NetworkStatsDTO {
  datagramsIn: number;
  datagramsOut: number;
  dropped: {
    malformed: number;
    oversized: number;
    rateLimited: number;
    unknownCommand: number;
  };
}

/** Settings that take effect on the network (the profile lives in SelfDTO). */
export interface NetworkSettingsDTO {
  port: number;
  /** Where received files go. */
  downloadDir: string;
  /** Peers reached directly (other subnets): `a.b.c.d` or `a.b.c.d:port`. */
  hosts: string[];
  /** Extra directed-broadcast addresses. */
  broadcastAddresses: string[];
  /** True when a change (the port) waits for a restart. */
  restartNeeded: boolean;
  /** Absent: ask. */
  receiveFiles?: ReceiveFiles;
  /** Largest offer (all items together) taken without asking, in MB. */
  autoAcceptMaxMB?: number;
}

export interface NetworkStatusDTO {
  port: number;
  bindAddress: string;
  /** Whether Pigeon holds the UDP port now. */
  bound: boolean;
  /** Why not, in plain words (e.g. another messenger holds the port). */
  problem?: string;
  interfaces: { name: string; address: string; netmask: string; broadcast: string }[];
  /** Every address an announcement goes to: broadcasts, hosts, expanded ranges. */
  announceTargets: string[];
  stats: NetworkStatsDTO;
}

export interface SearchHitDTO {
  message: MessageDTO;
  /** The matched text with its surroundings, for the result list (plain text). */
  snippet: string;
}

export interface ExportDTO {
  fileName: string;
  mimeType: string;
  content: string;
}

export type TransferItemKind = 'file' | 'directory';

export interface TransferItemDTO {
  name: string;
  /** Bytes as offered; a folder is offered as 0 and its size learnt on the way. */
  size: number;
  kind: TransferItemKind;
}

/**
 * offered: waiting for the receiver (both sides); active: bytes moving;
 * done | failed | cancelled | declined: ended. A failed one may be retried.
 */
export type TransferState = 'offered' | 'active' | 'done' | 'failed' | 'cancelled' | 'declined';

/** Files, folders or an image offered in one message, seen from either side. */
export interface TransferDTO {
  id: string;
  conversationId: string;
  /** The message that carries the offer. */
  messageId: string;
  direction: MessageDirection;
  items: TransferItemDTO[];
  state: TransferState;
  /** Sum of the items' offered sizes (folders count what is known so far). */
  totalBytes: number;
  /** Bytes moved so far, over all items. */
  bytesDone: number;
  /** Recent speed; 0 when not moving. */
  bytesPerSecond: number;
  /** Estimated seconds to the end, when known. */
  secondsLeft?: number;
  /** Incoming: the folder the items are saved in, once accepted. */
  directory?: string;
  /** Pasted or dropped into the composer: shown inline as a picture. */
  image: boolean;
  /** Why it failed, in plain words. */
  error?: string;
  /** A failed transfer that can be tried again (resumed from the offset between Pigeons). */
  retryable: boolean;
  /** Milliseconds since the epoch when it was offered. */
  at: number;
}

/** Whether Pigeon starts when the user signs in to the computer (Electron only). */
export interface StartAtLoginDTO {
  /** False where Pigeon cannot start at login: headless mode, or a run from sources. */
  supported: boolean;
  openAtLogin: boolean;
}

/** A picture of an image transfer, for inline display. */
export interface TransferImageDTO {
  mimeType: string;
  /** The image bytes, base64. */
  base64: string;
}

export interface SnapshotDTO {
  self: SelfDTO;
  peers: PeerDTO[];
  conversations: ConversationDTO[];
  stats: NetworkStatsDTO;
  /** Remark names the user gave contacts (absent from an older main process). */
  remarks?: RemarkDTO[];
  /** Warnings about who claims to be whom since main started (absent from an older main). */
  trustWarnings?: TrustWarningDTO[];
  /** Group conversations Pigeon knows (absent from an older main process). */
  groups?: GroupDTO[];
}

/**
 * Where a group lives: Pigeon groups kept by their members, FeiQ groups (multicast),
 * iptux's groups (peers who share a group name), and iptux's broadcast to everyone.
 */
export const GroupKindSchema = z.enum(['pigeon', 'feiq', 'iptux', 'broadcast']);
export type GroupKind = z.infer<typeof GroupKindSchema>;

/** A group conversation (群聊). Its id is also its conversation's id, `group:…`. */
export interface GroupDTO {
  id: string;
  kind: GroupKind;
  /** As the group is called; a FeiQ group not yet named shows its id. */
  name: string;
  /** Peer ids of the members heard of (iptux and broadcast groups: those who wrote). */
  members: string[];
  creator?: string;
  /** No sound or notification for its messages (mentions excepted). */
  muted?: boolean;
}
