/**
 * THE contract between Pigeon's main process and its windows.
 *
 * Every channel, its request and response schema, every event and every DTO that
 * crosses the bridge lives here. Main (Electron IPC and the headless WebSocket),
 * the preload script and the renderer import this file; nothing else crosses.
 */
import { z } from 'zod';
import {
  CHANNEL_NAMES,
  MAX_MESSAGE_CHARS,
  MAX_PICTURE_BASE64_CHARS,
  PICTURE_TYPES,
} from './channels';

export {
  EVENTS_CHANNEL,
  ipcChannel,
  MAX_MESSAGE_CHARS,
  MAX_PICTURE_BASE64_CHARS,
  PICTURE_TYPES,
  type PictureType,
} from './channels';

// ---------------------------------------------------------------------------
// DTOs

export const PeerStatusSchema = z.enum(['online', 'away', 'offline']);
export type PeerStatus = z.infer<typeof PeerStatusSchema>;

/** Which program a peer runs, guessed from its version field. */
export const PeerClientSchema = z.enum(['pigeon', 'ipmsg', 'feiq', 'iptux', 'udp', 'unknown']);
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
  client: PeerClient;
  /** Raw version field, shown in the peer's details. */
  version: string;
  /** Milliseconds since the epoch of the last datagram heard from the peer. */
  lastSeen: number;
  /** Set for a "plain UDP" contact (client `udp`): bare text datagrams, no IPMsg. */
  plain?: PlainContactDTO;
}

export const PlainEncodingSchema = z.enum(['utf8', 'gbk']);
export type PlainEncoding = z.infer<typeof PlainEncodingSchema>;

/** How Pigeon talks to a plain UDP program. Its peer id is `udp:<host>:<port>`. */
export interface PlainContactDTO {
  /** As the user typed it: an IPv4 address or a host name. */
  host: string;
  port: number;
  encoding: PlainEncoding;
  /** The local UDP port Pigeon sends from and listens on for this contact. */
  localPort: number;
  /** Why the contact cannot be reached now (port taken, name not found), in plain words. */
  problem?: string;
}

export type MessageDirection = 'in' | 'out';
/**
 * Outgoing: sending → delivered | failed (resend goes back to sending).
 * Written to an offline peer, or not confirmed by a peer that went away: queued, sent
 * by itself when the peer is heard again (or cancelled by the user).
 * Incoming messages are always `received`.
 */
export type MessageState = 'queued' | 'sending' | 'delivered' | 'failed' | 'cancelled' | 'received';

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
}

export interface ConversationDTO {
  /** For a one-to-one conversation, the peer's id. */
  id: string;
  peerId: string;
  unread: number;
  lastMessage?: MessageDTO;
}

export type Language = 'zh-CN' | 'en';
export type Theme = 'system' | 'light' | 'dark';

export interface SelfDTO {
  nickname: string;
  group: string;
  user: string;
  host: string;
  status: Exclude<PeerStatus, 'offline'>;
  port: number;
  language: Language;
  theme: Theme;
  /** Sent once in a while to whoever writes while we are away (empty: none). */
  autoReply?: string;
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
}

// ---------------------------------------------------------------------------
// Requests (parsed in main: the renderer is hostile until proven otherwise)

const Id = z.string().min(1).max(512);

export const ListMessagesRequest = z.object({
  conversationId: Id,
  /** Return messages older than this message id (paging); omit for the latest. */
  before: Id.optional(),
  /** Return messages newer than this message id (paging down after a jump). */
  after: Id.optional(),
  /** Return the page around this message, it included (jump to a search hit). */
  around: Id.optional(),
  limit: z.number().int().min(1).max(500).optional(),
});
export const SendMessageRequest = z.object({
  conversationId: Id,
  text: z.string().min(1).max(MAX_MESSAGE_CHARS),
  /** Sealed: the peer must open it, and we see when it did. */
  sealed: z.boolean().optional(),
});
export const MessageRequest = z.object({ messageId: Id });
export const ResendMessageRequest = z.object({ messageId: Id });
export const ConversationRequest = z.object({ conversationId: Id });
export const OpenConversationRequest = z.object({
  peerId: Id,
  /** Open the chat at this message (a search hit). */
  messageId: Id.optional(),
});
export const UpdateProfileRequest = z.object({
  nickname: z.string().trim().min(1).max(64).optional(),
  group: z.string().trim().max(64).optional(),
  status: z.enum(['online', 'away']).optional(),
  autoReply: z.string().max(500).optional(),
  language: z.enum(['zh-CN', 'en']).optional(),
  theme: z.enum(['system', 'light', 'dark']).optional(),
});
export const TypingRequest = z.object({ conversationId: Id, typing: z.boolean() });
export const CancelMessageRequest = z.object({ messageId: Id });
export const SearchMessagesRequest = z.object({
  query: z.string().trim().min(1).max(200),
  conversationId: Id.optional(),
  limit: z.number().int().min(1).max(200).optional(),
});
export const ExportConversationRequest = z.object({
  conversationId: Id,
  format: z.enum(['text', 'json']),
});
const HostEntry = z.string().trim().min(1).max(300);
export const UpdateSettingsRequest = z.object({
  port: z.number().int().min(1).max(65535).optional(),
  downloadDir: z.string().trim().min(1).max(4096).optional(),
  hosts: z.array(HostEntry).max(1000).optional(),
  broadcastAddresses: z.array(HostEntry).max(100).optional(),
});
const LocalPath = z.string().min(1).max(4096);
export const OfferFilesRequest = z.object({
  conversationId: Id,
  /** Absolute local paths of files or folders (Electron: from the picker or a drop). */
  paths: z.array(LocalPath).min(1).max(1000),
  /** A picture pasted or dropped into the composer, shown inline. */
  image: z.boolean().optional(),
});
export const TransferRequest = z.object({ transferId: Id });
export const AcceptTransferRequest = z.object({
  transferId: Id,
  /** Where to save; the download folder when omitted. */
  directory: LocalPath.optional(),
});
export const AddPlainContactRequest = z.object({
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  encoding: PlainEncodingSchema,
  /** Local port to send from and listen on; 0 or omitted: any free port. */
  localPort: z.number().int().min(0).max(65535).optional(),
  nickname: z.string().trim().max(64).optional(),
});
export const PeerRequest = z.object({ peerId: Id });
export const StagePictureRequest = z.object({
  /** The picture's file name: one plain name, no folders, no control characters. */
  name: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine(
      (name) => !/[\\/\0-\x1f\x7f]/.test(name) && !/^\.+$/.test(name),
      'Not a plain file name',
    ),
  mimeType: z.enum(PICTURE_TYPES),
  base64: z
    .string()
    .min(1)
    .max(MAX_PICTURE_BASE64_CHARS)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Not base64'),
});
export const EmptyRequest = z.undefined().or(z.object({}).strict());

// ---------------------------------------------------------------------------
// Channels: name → request schema. Responses are typed below.

export const channels = {
  getSnapshot: EmptyRequest,
  listMessages: ListMessagesRequest,
  sendMessage: SendMessageRequest,
  resendMessage: ResendMessageRequest,
  markRead: ConversationRequest,
  /** Opens (or focuses) the chat window for a peer; returns the conversation id. */
  openConversation: OpenConversationRequest,
  updateProfile: UpdateProfileRequest,
  /** Announce again and ask every peer to answer. */
  refreshPeers: EmptyRequest,
  /** Withdraw a queued message before it goes out. */
  cancelMessage: CancelMessageRequest,
  /** Full-text search of all history (any substring, Chinese or English). */
  searchMessages: SearchMessagesRequest,
  exportConversation: ExportConversationRequest,
  getSettings: EmptyRequest,
  updateSettings: UpdateSettingsRequest,
  /** Tell the peer we are typing (only to clients that show it). */
  setTyping: TypingRequest,
  /** Interfaces, broadcast addresses, the port and counters, for the network panel. */
  getNetworkStatus: EmptyRequest,
  /** Open a sealed message we received: shows its text and tells the sender. */
  openSealed: MessageRequest,
  /** Offer files or folders to a conversation's peer (a message with attachments). */
  offerFiles: OfferFilesRequest,
  /** The transfers of a conversation (for the messages that carry them). */
  listTransfers: ConversationRequest,
  acceptTransfer: AcceptTransferRequest,
  declineTransfer: TransferRequest,
  /** Stop a transfer (either side); an offer not yet fetched is withdrawn. */
  cancelTransfer: TransferRequest,
  /** Try a failed transfer again (resumed between Pigeons). */
  retryTransfer: TransferRequest,
  /** Show a finished transfer's folder in the system's file manager. */
  showTransfer: TransferRequest,
  /** The picture of an image transfer, for inline display. */
  getTransferImage: TransferRequest,
  /** Ask the user for a folder to save into (Electron); headless answers none. */
  chooseDirectory: EmptyRequest,
  /** Add a "plain UDP" contact: a program that speaks bare text over UDP. */
  addPlainContact: AddPlainContactRequest,
  removePlainContact: PeerRequest,
  /**
   * Save a pasted picture (it has no file of its own) where offerFiles can take it
   * (Electron); answers its path.
   */
  stagePicture: StagePictureRequest,
} as const;

export type ChannelName = keyof typeof channels;
export const channelNames = Object.keys(channels) as ChannelName[];

// The zod-free list in channels.ts must name exactly the channels above: a channel
// added here and not there (or the other way round) fails to compile.
type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelListIsComplete: SameNames<(typeof CHANNEL_NAMES)[number], ChannelName> = true;
void channelListIsComplete;

export interface ChannelResponses {
  getSnapshot: SnapshotDTO;
  listMessages: MessageDTO[];
  sendMessage: MessageDTO[];
  resendMessage: MessageDTO;
  markRead: ConversationDTO;
  openConversation: { conversationId: string };
  updateProfile: SelfDTO;
  refreshPeers: { ok: true };
  cancelMessage: MessageDTO;
  searchMessages: SearchHitDTO[];
  exportConversation: ExportDTO;
  getSettings: NetworkSettingsDTO;
  updateSettings: NetworkSettingsDTO;
  setTyping: { ok: true };
  getNetworkStatus: NetworkStatusDTO;
  openSealed: MessageDTO;
  offerFiles: TransferDTO;
  listTransfers: TransferDTO[];
  acceptTransfer: TransferDTO;
  declineTransfer: TransferDTO;
  cancelTransfer: TransferDTO;
  retryTransfer: TransferDTO;
  /** `shown` is false where no file manager can be opened (headless); `path` says where. */
  showTransfer: { shown: boolean; path: string };
  getTransferImage: TransferImageDTO;
  chooseDirectory: { directory?: string };
  addPlainContact: PeerDTO;
  removePlainContact: { ok: true };
  stagePicture: { path: string };
}

export type ChannelRequest<C extends ChannelName> = z.input<(typeof channels)[C]>;
export type ChannelResponse<C extends ChannelName> = ChannelResponses[C];

// ---------------------------------------------------------------------------
// Events: main → windows, always delivered in batches (arrays).

export type PigeonEvent =
  | { type: 'peer'; peer: PeerDTO }
  | { type: 'message'; message: MessageDTO }
  | { type: 'conversation'; conversation: ConversationDTO }
  | { type: 'self'; self: SelfDTO }
  | { type: 'settings'; settings: NetworkSettingsDTO }
  /** The peer of a conversation is typing (FeiQ and Pigeon tell); false when it stopped. */
  | { type: 'typing'; conversationId: string; typing: boolean }
  | { type: 'stats'; stats: NetworkStatsDTO }
  /** A transfer changed; progress comes about 10 times a second at most. */
  | { type: 'transfer'; transfer: TransferDTO }
  /** A peer is gone from the list (a removed plain UDP contact). */
  | { type: 'peer-removed'; peerId: string }
  /** A problem the user should see (port in use, …), already in plain words. */
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; code: string; message: string };

export type PigeonEventType = PigeonEvent['type'];

// ---------------------------------------------------------------------------
// What a window sees as `window.pigeon`.

/** How a window calls one channel. */
export type ChannelFunction<C extends ChannelName> = (
  request?: ChannelRequest<C>,
) => Promise<ChannelResponse<C>>;

export type PigeonApi = {
  [C in ChannelName]: ChannelFunction<C>;
} & {
  /** Subscribe to event batches; returns the unsubscribe function. */
  onEvents(listener: (events: PigeonEvent[]) => void): () => void;
};

/** Error text a window receives when a request fails to parse. */
export class ContractError extends Error {
  constructor(
    readonly code: 'invalid-request' | 'unknown-channel' | 'forbidden' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

/** Parse a request for a channel; throws ContractError on anything malformed. */
export function parseRequest<C extends ChannelName>(
  channel: C,
  raw: unknown,
): z.output<(typeof channels)[C]> {
  const schema = channels[channel];
  if (!schema) throw new ContractError('unknown-channel', `Unknown channel: ${String(channel)}`);
  const result = schema.safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
    throw new ContractError(
      'invalid-request',
      `Invalid ${channel} request${where}: ${first?.message ?? 'bad input'}`,
    );
  }
  return result.data as z.output<(typeof channels)[C]>;
}

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
