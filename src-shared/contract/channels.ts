// The channel map: each channel's request schema and response type, and the one
// parser main runs on every request. The zod-free names live in channel-names.ts.
import type { z } from 'zod';
import { CHANNEL_NAMES } from './channel-names';
import type {
  ConversationDTO,
  ExportDTO,
  GroupDTO,
  GroupDeliveryDTO,
  MessageDTO,
  NetworkSettingsDTO,
  NetworkStatusDTO,
  PeerDTO,
  RemarkDTO,
  SearchHitDTO,
  SelfDTO,
  SeveralCopyDTO,
  SnapshotDTO,
  StartAtLoginDTO,
  TransferDTO,
  TransferImageDTO,
} from './dtos';
import type { PeerKeysDTO } from './trust';
import { ContractError } from './errors';
import {
  AcceptTransferRequest,
  AddPlainContactRequest,
  CancelMessageRequest,
  ConversationRequest,
  EmptyRequest,
  ExportConversationRequest,
  ListMessagesRequest,
  MessageRequest,
  MuteGroupRequest,
  CreateGroupRequest,
  ChangeGroupRequest,
  OfferFilesRequest,
  OpenConversationRequest,
  PeerRequest,
  PinConversationRequest,
  ResendMessageRequest,
  SearchMessagesRequest,
  SendMessageRequest,
  SendToSeveralRequest,
  SendBroadcastRequest,
  SetRemarkRequest,
  SetPeerVerifiedRequest,
  SetStartAtLoginRequest,
  ShowSharedFolderRequest,
  SetAvatarRequest,
  AvatarRequest,
  StagePictureRequest,
  TransferRequest,
  TypingRequest,
  UpdateProfileRequest,
  UpdateSettingsRequest,
} from './requests';

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
  /** Add a plain contact: a program that speaks bare text over UDP or TCP. */
  addPlainContact: AddPlainContactRequest,
  removePlainContact: PeerRequest,
  /** A TCP contact: connect (or wait) again now, without waiting for the next try. */
  reconnectPlainContact: PeerRequest,
  /**
   * Save a pasted picture (it has no file of its own) where offerFiles can take it
   * (Electron); answers its path.
   */
  stagePicture: StagePictureRequest,
  /** Whether Pigeon starts at sign-in (Electron; headless answers unsupported). */
  getStartAtLogin: EmptyRequest,
  setStartAtLogin: SetStartAtLoginRequest,
  /** Keep a conversation at the top of the recent chats (or stop). */
  pinConversation: PinConversationRequest,
  /** Give a contact a remark name (备注); an empty one removes it. */
  setRemark: SetRemarkRequest,
  /** A region of the screen captured by the system's tool (Electron); answers its picture's path. */
  takeScreenshot: EmptyRequest,
  /** Open the settings window (Electron); `shown: false` where windows show it as a dialog. */
  openSettings: EmptyRequest,
  /** Mute a group conversation, or let it notify again. */
  muteGroup: MuteGroupRequest,
  /** Make a Pigeon group; its members' Pigeons learn it. */
  createGroup: CreateGroupRequest,
  /** Rename a Pigeon group, add or remove a member, or leave it. */
  changeGroup: ChangeGroupRequest,
  /** Which members have one of our group messages ("Delivered to 3 of 4"). */
  groupDelivery: MessageRequest,
  /** Take back one's own message to another Pigeon, within 2 minutes (撤回). */
  recallMessage: MessageRequest,
  /** Delete a message from this computer's history only. */
  deleteMessage: MessageRequest,
  /** Show a Windows shared folder (\\server\share) in the file manager (Electron). */
  showSharedFolder: ShowSharedFolderRequest,
  /** Choose the user's avatar picture (a PNG the window made square), or none. */
  setAvatar: SetAvatarRequest,
  /** An avatar picture by its hash (the user's own or a peer's), for display. */
  getAvatar: AvatarRequest,
  /** 群发: a one-to-one copy of one text to each contact, each copy in its own conversation. */
  sendToSeveral: SendToSeveralRequest,
  sendBroadcast: SendBroadcastRequest,
  /** A peer's keys as this Pigeon knows them, with both fingerprints (the Encryption dialog). */
  getPeerKeys: PeerRequest,
  /** Accept the key a Pigeon changed to: messages and files may go to it again. */
  acceptPeerKey: PeerRequest,
  /** The user compared fingerprints: the contact is verified (or no longer). */
  setPeerVerified: SetPeerVerifiedRequest,
  /** Shake a FeiQ's or Pigeon's chat window (FeiQ's 0xD1): one per peer in 10 s. */
  shake: PeerRequest,
} as const;

export type ChannelName = keyof typeof channels;
export const channelNames = Object.keys(channels) as ChannelName[];

// The zod-free list in channel-names.ts must name exactly the channels above: a channel
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
  reconnectPlainContact: PeerDTO;
  stagePicture: { path: string };
  getStartAtLogin: StartAtLoginDTO;
  setStartAtLogin: StartAtLoginDTO;
  pinConversation: ConversationDTO;
  setRemark: RemarkDTO;
  /** No `path` when the user cancelled the capture. */
  takeScreenshot: { path?: string };
  openSettings: { shown: boolean };
  muteGroup: GroupDTO;
  createGroup: GroupDTO;
  changeGroup: GroupDTO;
  groupDelivery: GroupDeliveryDTO[];
  recallMessage: MessageDTO;
  deleteMessage: { ok: true };
  /** `shown` is false where no file manager can be opened (headless). */
  showSharedFolder: { shown: boolean; path: string };
  setAvatar: SelfDTO;
  getAvatar: TransferImageDTO;
  /** One entry per contact asked for, in the order asked. */
  sendToSeveral: SeveralCopyDTO[];
  /** The notice, in "Everyone (broadcast)". */
  sendBroadcast: MessageDTO[];
  getPeerKeys: PeerKeysDTO;
  acceptPeerKey: PeerKeysDTO;
  setPeerVerified: PeerKeysDTO;
  /** When it went, and when this peer may be shaken again. */
  shake: { at: number; nextAt: number };
}

/** A request as a window sends it. */
export type ChannelRequest<C extends ChannelName> = z.input<(typeof channels)[C]>;
/** A request as the core gets it: parsed, text trimmed. */
export type ParsedRequest<C extends ChannelName> = z.output<(typeof channels)[C]>;
export type ChannelResponse<C extends ChannelName> = ChannelResponses[C];

/** Parse a request for a channel; throws ContractError on anything malformed. */
export function parseRequest<C extends ChannelName>(channel: C, raw: unknown): ParsedRequest<C> {
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
  return result.data as ParsedRequest<C>;
}

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
