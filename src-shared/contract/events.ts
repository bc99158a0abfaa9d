// Events: main → windows, always delivered in batches (arrays).
import type {
  ConversationDTO,
  GroupDTO,
  MessageDTO,
  NetworkSettingsDTO,
  NetworkStatsDTO,
  PeerDTO,
  RemarkDTO,
  SelfDTO,
  TransferDTO,
  UnsupportedKind,
} from './dtos';
import type { TrustWarningDTO } from './trust';

export type PigeonEvent =
  | { type: 'peer'; peer: PeerDTO }
  | { type: 'message'; message: MessageDTO }
  | { type: 'conversation'; conversation: ConversationDTO }
  /** A group conversation appeared or changed (name, members, muted). */
  | { type: 'group'; group: GroupDTO }
  | { type: 'self'; self: SelfDTO }
  | { type: 'settings'; settings: NetworkSettingsDTO }
  /** The peer of a conversation is typing (FeiQ and Pigeon tell); false when it stopped. */
  | { type: 'typing'; conversationId: string; typing: boolean }
  | { type: 'stats'; stats: NetworkStatsDTO }
  /** A transfer changed; progress comes about 10 times a second at most. */
  | { type: 'transfer'; transfer: TransferDTO }
  /** A peer is gone from the list (a removed plain UDP contact). */
  | { type: 'peer-removed'; peerId: string }
  /** The user gave a contact a remark name, or removed it (an empty remark). */
  | ({ type: 'remark' } & RemarkDTO)
  /** A peer sent faster than Pigeon accepts: some of its messages were refused (unacknowledged). */
  | { type: 'peer-refused'; peerId: string; at: number }
  /** A peer sent something Pigeon cannot show yet (FeiQ's picture, iptux's shared files…). */
  | { type: 'unsupported'; peerId: string; what: UnsupportedKind; at: number }
  /** A peer shook the window (FeiQ's 0xD1): its open chat window shakes. */
  | { type: 'shake'; peerId: string; at: number }
  /** Someone claimed to be a peer from another address, or the peer moved (its chat warns). */
  | { type: 'trust-warning'; warning: TrustWarningDTO }
  /** A message was deleted from the history (on this computer only). */
  | { type: 'message-removed'; conversationId: string; messageId: string }
  /** A problem the user should see (port in use, …), already in plain words. */
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; code: string; message: string }
  /** The problem behind that notice is over (the disk has space again): drop its banner. */
  | { type: 'notice-cleared'; code: string };

export type PigeonEventType = PigeonEvent['type'];
