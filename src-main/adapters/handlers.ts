import os from 'node:os';
import path from 'node:path';
import {
  ContractError,
  parseRequest,
  type ChannelName,
  type ChannelResponse,
} from '../../src-shared/contract';
import type { MessengerCore } from '../core/messenger-api';
import { isPictureOf, pictureFileName } from './picture-check';
import { writePicture } from './picture-file';

/** What differs between the Electron and the headless adapter: how a chat is shown. */
export interface ShellHooks {
  /** Show (create or focus) the window of a conversation. Headless: nothing to do. */
  showConversation(conversationId: string, messageId?: string): void;
  /** Show a file or folder in the system's file manager; false where there is none. */
  showPath(path: string): boolean;
  /** Ask the user for a folder; undefined when cancelled or when there is no dialog. */
  chooseDirectory(): Promise<string | undefined>;
  /**
   * Save a pasted picture (already checked to be one) under a new file named after
   * `name`, somewhere offerFiles can read it; resolves to its path.
   */
  stagePicture(name: string, bytes: Uint8Array): Promise<string>;
  /** Resolves once changed settings are on disk; rejects (ContractError) when saving failed. */
  settingsSaved?(): Promise<void>;
}

/** Hooks where there is no window system: headless mode and the test agents. */
export const windowlessHooks: ShellHooks = {
  showConversation: () => undefined,
  showPath: () => false,
  chooseDirectory: async () => undefined,
  stagePicture: (name, bytes) =>
    writePicture(path.join(os.tmpdir(), 'Pigeon', 'pasted'), name, bytes),
};

type Handler<C extends ChannelName> = (raw: unknown) => Promise<ChannelResponse<C>>;
export type Handlers = { [C in ChannelName]: Handler<C> };

/**
 * One table from contract channel to core command, shared by the IPC and the
 * WebSocket adapters. Every request is parsed here before the core sees it.
 */
export function createHandlers(core: MessengerCore, hooks: ShellHooks): Handlers {
  return {
    getSnapshot: async (raw) => {
      parseRequest('getSnapshot', raw);
      return core.snapshot();
    },
    listMessages: async (raw) => core.listMessages(parseRequest('listMessages', raw)),
    sendMessage: async (raw) => {
      const req = parseRequest('sendMessage', raw);
      return core.sendMessage(req.conversationId, req.text, { sealed: req.sealed });
    },
    openSealed: async (raw) => core.openSealed(parseRequest('openSealed', raw).messageId),
    resendMessage: async (raw) => core.resendMessage(parseRequest('resendMessage', raw).messageId),
    markRead: async (raw) => core.markRead(parseRequest('markRead', raw).conversationId),
    openConversation: async (raw) => {
      const { peerId, messageId } = parseRequest('openConversation', raw);
      const conversationId = core.openConversation(peerId);
      hooks.showConversation(conversationId, messageId);
      return { conversationId };
    },
    updateProfile: async (raw) => {
      const self = core.updateProfile(parseRequest('updateProfile', raw));
      await hooks.settingsSaved?.();
      return self;
    },
    refreshPeers: async (raw) => {
      parseRequest('refreshPeers', raw);
      core.refreshPeers();
      return { ok: true as const };
    },
    cancelMessage: async (raw) => core.cancelMessage(parseRequest('cancelMessage', raw).messageId),
    searchMessages: async (raw) => core.searchMessages(parseRequest('searchMessages', raw)),
    exportConversation: async (raw) => {
      const { conversationId, format } = parseRequest('exportConversation', raw);
      return core.exportConversation(conversationId, format);
    },
    getSettings: async (raw) => {
      parseRequest('getSettings', raw);
      return core.getSettings();
    },
    updateSettings: async (raw) => {
      const settings = core.updateSettings(parseRequest('updateSettings', raw));
      await hooks.settingsSaved?.();
      return settings;
    },
    getNetworkStatus: async (raw) => {
      parseRequest('getNetworkStatus', raw);
      return core.networkStatus();
    },
    setTyping: async (raw) => {
      const { conversationId, typing } = parseRequest('setTyping', raw);
      core.setTyping(conversationId, typing);
      return { ok: true as const };
    },
    offerFiles: async (raw) => core.offerFiles(parseRequest('offerFiles', raw)),
    listTransfers: async (raw) =>
      core.listTransfers(parseRequest('listTransfers', raw).conversationId),
    acceptTransfer: async (raw) => {
      const { transferId, directory } = parseRequest('acceptTransfer', raw);
      return core.acceptTransfer(transferId, directory);
    },
    declineTransfer: async (raw) =>
      core.declineTransfer(parseRequest('declineTransfer', raw).transferId),
    cancelTransfer: async (raw) =>
      core.cancelTransfer(parseRequest('cancelTransfer', raw).transferId),
    retryTransfer: async (raw) => core.retryTransfer(parseRequest('retryTransfer', raw).transferId),
    showTransfer: async (raw) => {
      const path = core.transferLocation(parseRequest('showTransfer', raw).transferId);
      return { shown: hooks.showPath(path), path };
    },
    getTransferImage: async (raw) =>
      core.getTransferImage(parseRequest('getTransferImage', raw).transferId),
    chooseDirectory: async (raw) => {
      parseRequest('chooseDirectory', raw);
      const directory = await hooks.chooseDirectory();
      return directory === undefined ? {} : { directory };
    },
    addPlainContact: async (raw) => core.addPlainContact(parseRequest('addPlainContact', raw)),
    removePlainContact: async (raw) => {
      core.removePlainContact(parseRequest('removePlainContact', raw).peerId);
      return { ok: true as const };
    },
    stagePicture: async (raw) => {
      const { name, mimeType, base64 } = parseRequest('stagePicture', raw);
      const bytes = Buffer.from(base64, 'base64');
      if (!isPictureOf(mimeType, bytes))
        throw new ContractError('invalid-request', `That is not a ${mimeType} picture.`);
      return { path: await hooks.stagePicture(pictureFileName(name, mimeType), bytes) };
    },
  };
}
