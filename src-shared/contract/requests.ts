// Request schemas: what main accepts from a window, parsed before anything is done
// (the renderer is hostile until proven otherwise).
import { z } from 'zod';
import { isUncPath } from './unc-path';
import { cleanSignature } from './profile-text';
import {
  MAX_AUTO_ACCEPT_MB,
  MAX_AVATAR_BASE64_CHARS,
  MAX_MESSAGE_CHARS,
  MAX_PICTURE_BASE64_CHARS,
  MAX_SEVERAL_RECIPIENTS,
  MAX_SIGNATURE_CHARS,
  PICTURE_TYPES,
} from './channel-names';
import {
  PlainConnectionSchema,
  PlainEncodingSchema,
  PlainProtocolSchema,
  PlainWhenDisconnectedSchema,
  SelfStatusSchema,
} from './dtos';

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
/** 群发: one text, a one-to-one copy to each contact. */
export const SendToSeveralRequest = z.object({
  peerIds: z.array(Id).min(1).max(MAX_SEVERAL_RECIPIENTS),
  text: z.string().min(1).max(MAX_MESSAGE_CHARS),
});
/** IP Messenger's broadcast notice: one text to everyone online. */
export const SendBroadcastRequest = z.object({
  text: z.string().min(1).max(MAX_MESSAGE_CHARS),
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
  status: SelfStatusSchema.optional(),
  autoReply: z.string().max(500).optional(),
  language: z.enum(['zh-CN', 'en']).optional(),
  theme: z.enum(['system', 'light', 'dark']).optional(),
  signature: z
    .string()
    .max(MAX_SIGNATURE_CHARS * 2)
    .transform(cleanSignature)
    .optional(),
  sendKey: z.enum(['enter', 'ctrl-enter']).optional(),
  sounds: z.boolean().optional(),
  notifications: z.boolean().optional(),
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
  receiveFiles: z.enum(['ask', 'accept-from-contacts']).optional(),
  autoAcceptMaxMB: z.number().int().min(1).max(MAX_AUTO_ACCEPT_MB).optional(),
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
  /** '' only for a TCP contact that waits: a program from any address may connect. */
  host: z.string().trim().max(253),
  /** The program's port; not asked of a TCP contact that waits. */
  port: z.number().int().min(1).max(65535).optional(),
  encoding: PlainEncodingSchema,
  /** UDP: local port to send from and listen on (0 or omitted: any free port). TCP waiting: the port to listen on. */
  localPort: z.number().int().min(0).max(65535).optional(),
  nickname: z.string().trim().max(64).optional(),
  /** Omitted: UDP, as before TCP contacts existed. */
  protocol: PlainProtocolSchema.optional(),
  connection: PlainConnectionSchema.optional(),
  lineBased: z.boolean().optional(),
  whenDisconnected: PlainWhenDisconnectedSchema.optional(),
});
export const PeerRequest = z.object({ peerId: Id });
/** Mute a group (no sound or notification for it) or let it speak again. */
export const MuteGroupRequest = z.object({
  groupId: Id.refine((id) => id.startsWith('group:'), 'Not a group.'),
  muted: z.boolean(),
});
const GroupIdField = Id.refine((id) => id.startsWith('group:'), 'Not a group.');
/** Control characters would hide a group's name, so none. */
const GroupName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((name) => !/\p{Cc}/u.test(name), 'No control characters.');
/** A Pigeon group (群聊) with a name and the contacts picked; the creator is in it too. */
export const CreateGroupRequest = z.object({
  name: GroupName,
  memberIds: z.array(Id).min(1).max(47),
});
/** One change to a Pigeon group: a new name, a member added or removed, or leaving it. */
export const ChangeGroupRequest = z.object({
  groupId: GroupIdField,
  change: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('rename'), name: GroupName }),
    z.object({ kind: z.literal('add'), peerId: Id }),
    z.object({ kind: z.literal('remove'), peerId: Id }),
    z.object({ kind: z.literal('leave') }),
  ]),
});
/** Mark a Pigeon verified after comparing fingerprints (or take it back). */
export const SetPeerVerifiedRequest = z.object({ peerId: Id, verified: z.boolean() });
export const PinConversationRequest = z.object({ conversationId: Id, pinned: z.boolean() });
export const SetRemarkRequest = z.object({
  peerId: Id,
  /** Empty removes the remark; control characters would hide the name, so none. */
  remark: z
    .string()
    .trim()
    .max(64)
    .refine((text) => !/[\u0000-\u001f\u007f]/.test(text), 'No control characters.'),
});
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
    .regex(/^[A-Z0-9+/]+={0,2}$/i, 'Not base64'),
});
export const ShowSharedFolderRequest = z.object({
  /** A Windows shared folder, \\server\share\…, as found in a message. */
  path: z.string().refine(isUncPath, 'Not a shared folder path (\\\\server\\share).'),
});
export const SetStartAtLoginRequest = z.object({ openAtLogin: z.boolean() });
export const EmptyRequest = z.undefined().or(z.object({}).strict());

// The parsed requests the core's services take beyond the facade.
export type ProfileChange = z.output<typeof UpdateProfileRequest>;
export type NetworkSettingsChange = z.output<typeof UpdateSettingsRequest>;
export type PlainContactRequest = z.output<typeof AddPlainContactRequest>;

/** A new avatar (a small PNG, base64, made square by the window), or none: letters again. */
export const SetAvatarRequest = z.object({
  png: z
    .string()
    .max(MAX_AVATAR_BASE64_CHARS)
    .regex(/^[a-z0-9+/]+={0,2}$/i)
    .optional(),
});
export const AvatarRequest = z.object({ hash: z.string().regex(/^[0-9a-f]{16}$/) });
