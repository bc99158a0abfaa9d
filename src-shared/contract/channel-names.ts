/**
 * The zod-free part of the contract: names and limits that the sandboxed preload
 * and the renderer need at run time without bundling the schema library.
 * The contract's index re-exports everything here.
 */
/** The longest text one message may carry; the core splits it into datagrams. */
export const MAX_MESSAGE_CHARS = 20000;

/** Picture types a pasted picture may have (stagePicture checks the bytes match). */
export const PICTURE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type PictureType = (typeof PICTURE_TYPES)[number];

/** The longest base64 a pasted picture may be sent as (about 21 MB of picture). */
export const MAX_PICTURE_BASE64_CHARS = 28_000_000;

/** The longest personal signature (个性签名). */
export const MAX_SIGNATURE_CHARS = 100;

/** The largest avatar picture, as base64 (a 32 KiB PNG). */
export const MAX_AVATAR_BASE64_CHARS = 44_000;

/** The largest "accept without asking" limit one may set, in MB (100 GB). */
export const MAX_AUTO_ACCEPT_MB = 102_400;

/** The most contacts one message sent to several (群发) may go to. */
export const MAX_SEVERAL_RECIPIENTS = 500;

/** Electron IPC channel for a contract channel. */
export const ipcChannel = (name: (typeof CHANNEL_NAMES)[number]): string => `pigeon:${name}`;

/** Electron IPC channel on which batched events reach windows. */
export const EVENTS_CHANNEL = 'pigeon:events';

/**
 * Every contract channel by name. channels.ts checks at compile time that this names
 * exactly the channels it has schemas for, so the preload and the headless page can
 * build their api from it without bundling the schema library.
 */
export const CHANNEL_NAMES = [
  'getSnapshot',
  'listMessages',
  'sendMessage',
  'resendMessage',
  'markRead',
  'openConversation',
  'updateProfile',
  'refreshPeers',
  'cancelMessage',
  'searchMessages',
  'exportConversation',
  'getSettings',
  'updateSettings',
  'setTyping',
  'getNetworkStatus',
  'openSealed',
  'offerFiles',
  'listTransfers',
  'acceptTransfer',
  'declineTransfer',
  'cancelTransfer',
  'retryTransfer',
  'showTransfer',
  'getTransferImage',
  'chooseDirectory',
  'addPlainContact',
  'removePlainContact',
  'reconnectPlainContact',
  'stagePicture',
  'getStartAtLogin',
  'setStartAtLogin',
  'pinConversation',
  'setRemark',
  'takeScreenshot',
  'openSettings',
  'muteGroup',
  'createGroup',
  'changeGroup',
  'groupDelivery',
  'recallMessage',
  'deleteMessage',
  'showSharedFolder',
  'setAvatar',
  'getAvatar',
  'sendToSeveral',
  'sendBroadcast',
  'getPeerKeys',
  'shake',
  'acceptPeerKey',
  'setPeerVerified',
] as const;
