import type {
  ConversationDTO,
  ExportDTO,
  MessageDTO,
  NetworkSettingsDTO,
  NetworkStatusDTO,
  NetworkStatsDTO,
  PeerDTO,
  SearchHitDTO,
  TransferDTO,
  TransferImageDTO,
  PigeonEvent,
  SelfDTO,
  SnapshotDTO,
} from '../../src-shared/contract';
import type { PlainContactRequest } from './plain-udp/plain-contact-address';

export interface ListMessagesQuery {
  conversationId: string;
  before?: string;
  after?: string;
  around?: string;
  limit?: number;
}

export interface SearchQuery {
  query: string;
  conversationId?: string;
  limit?: number;
}

export type { PlainContactRequest };

export interface OfferRequest {
  conversationId: string;
  /** Absolute local paths of files or folders. */
  paths: string[];
  image?: boolean;
}

export interface NetworkSettingsChange {
  port?: number;
  downloadDir?: string;
  hosts?: string[];
  broadcastAddresses?: string[];
}

export interface ProfileChange {
  nickname?: string;
  group?: string;
  status?: 'online' | 'away';
  language?: SelfDTO['language'];
  theme?: SelfDTO['theme'];
  autoReply?: string;
}

/**
 * MessengerCore: the one facade of Pigeon's core. Commands in, typed events out.
 * Runs under plain Node; the Electron and headless adapters both drive it.
 */
export interface MessengerCore {
  /** Bind the sockets and announce ourselves. Rejects with a plain-words error if the port is taken. */
  start(): Promise<void>;
  /** Say goodbye (BR_EXIT) and release the sockets. Safe to call twice. */
  stop(): Promise<void>;

  snapshot(): SnapshotDTO;
  stats(): NetworkStatsDTO;
  listMessages(query: ListMessagesQuery): MessageDTO[];
  /** Send text to a conversation; long text becomes several messages. */
  sendMessage(conversationId: string, text: string, options?: { sealed?: boolean }): MessageDTO[];
  /** Open a sealed message we received; the sender is told it was read. */
  openSealed(messageId: string): MessageDTO;
  /** Send a failed message again. */
  resendMessage(messageId: string): MessageDTO;
  markRead(conversationId: string): ConversationDTO;
  /** The conversation with a peer, created if new; returns its id. */
  openConversation(peerId: string): string;
  updateProfile(change: ProfileChange): SelfDTO;
  /** Re-announce and ask every peer to answer. */
  refreshPeers(): void;
  /** Withdraw a message still waiting in the outbox. */
  cancelMessage(messageId: string): MessageDTO;
  searchMessages(query: SearchQuery): SearchHitDTO[];
  exportConversation(conversationId: string, format: 'text' | 'json'): ExportDTO;
  getSettings(): NetworkSettingsDTO;
  networkStatus(): NetworkStatusDTO;
  /** Tell a conversation's peer we are typing, where its client shows it. */
  setTyping(conversationId: string, typing: boolean): void;
  /** Hosts and broadcast addresses apply at once; a new port after a restart. */
  updateSettings(change: NetworkSettingsChange): NetworkSettingsDTO;

  /** Offer files or folders to a conversation's peer. */
  offerFiles(request: OfferRequest): Promise<TransferDTO>;
  listTransfers(conversationId: string): TransferDTO[];
  /** Start fetching an offer into `directory` (default: the download folder). */
  acceptTransfer(transferId: string, directory?: string): TransferDTO;
  declineTransfer(transferId: string): TransferDTO;
  cancelTransfer(transferId: string): TransferDTO;
  retryTransfer(transferId: string): TransferDTO;
  /** The local path to show for a transfer: the received item, or its folder. */
  transferLocation(transferId: string): string;
  getTransferImage(transferId: string): Promise<TransferImageDTO>;

  addPlainContact(request: PlainContactRequest): Promise<PeerDTO>;
  removePlainContact(peerId: string): void;

  /** Subscribe to events; returns the unsubscribe function. */
  onEvent(listener: (event: PigeonEvent) => void): () => void;
}
