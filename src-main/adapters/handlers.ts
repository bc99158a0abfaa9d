import os from 'node:os';
import path from 'node:path';
import {
  channelNames,
  ContractError,
  parseRequest,
  type ChannelName,
  type ChannelResponse,
  type ParsedRequest,
  type StartAtLoginDTO,
} from '../../src-shared/contract';
import type { CommandChannel, MessengerCore, ShellChannel } from '../core/messenger-api';
import { isPictureOf, pictureFileName } from './picture-check';
import { writePicture } from './picture-file';
import type { SettingsPersister } from '../core/settings-file';

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
  /** Starting at sign-in, where the shell can (Electron); absent: not supported. */
  startAtLogin?: StartAtLoginHooks;
  /** Show the settings window (Electron); absent: windows show settings as a dialog. */
  showSettings?: () => void;
  /** A region of the screen as a picture file (Electron); absent: not supported. */
  takeScreenshot?: () => Promise<string | undefined>;
  /** The settings file's saves: a command that changed settings answers once they are on disk. */
  settings?: Pick<SettingsPersister, 'mark' | 'savedSince'>;
}

export interface StartAtLoginHooks {
  get(): Promise<StartAtLoginDTO>;
  set(openAtLogin: boolean): Promise<StartAtLoginDTO>;
}

const NO_START_AT_LOGIN: StartAtLoginDTO = { supported: false, openAtLogin: false };

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
 * WebSocket adapters. Every request is parsed here before the core sees it. A
 * channel goes to the core command of its name, unless it is one of the shell's.
 */
export function createHandlers(core: MessengerCore, hooks: ShellHooks): Handlers {
  const shell = shellHandlers(core, hooks);
  const commands = Object.fromEntries(
    channelNames
      .filter((name): name is CommandChannel => !Object.hasOwn(shell, name))
      .map((name) => [name, commandHandler(core, name, hooks)]),
  ) as { [C in CommandChannel]: Handler<C> };
  return { ...commands, ...shell };
}

function commandHandler<C extends CommandChannel>(
  core: MessengerCore,
  channel: C,
  hooks: ShellHooks,
): Handler<C> {
  return async (raw) => {
    const request = parseRequest(channel, raw);
    const command = core[channel] as (request: ParsedRequest<C>) => unknown;
    const mark = hooks.settings?.mark();
    const response = (await command.call(core, request)) as ChannelResponse<C>;
    // Whatever command changed settings, it reports success only once they are saved.
    if (mark !== undefined) await hooks.settings?.savedSince(mark);
    return response;
  };
}

function shellHandlers(
  core: MessengerCore,
  hooks: ShellHooks,
): { [C in ShellChannel]: Handler<C> } {
  return {
    getSnapshot: async (raw) => {
      parseRequest('getSnapshot', raw);
      return core.snapshot();
    },
    getNetworkStatus: async (raw) => {
      parseRequest('getNetworkStatus', raw);
      return core.networkStatus();
    },
    openConversation: async (raw) => {
      const { peerId, messageId } = parseRequest('openConversation', raw);
      const conversationId = core.openConversation(peerId);
      hooks.showConversation(conversationId, messageId);
      return { conversationId };
    },
    showTransfer: async (raw) => {
      const path = core.transferLocation(parseRequest('showTransfer', raw).transferId);
      return { shown: hooks.showPath(path), path };
    },
    chooseDirectory: async (raw) => {
      parseRequest('chooseDirectory', raw);
      const directory = await hooks.chooseDirectory();
      return directory === undefined ? {} : { directory };
    },
    stagePicture: async (raw) => {
      const { name, mimeType, base64 } = parseRequest('stagePicture', raw);
      const bytes = Buffer.from(base64, 'base64');
      if (!isPictureOf(mimeType, bytes))
        throw new ContractError('invalid-request', `That is not a ${mimeType} picture.`);
      return { path: await hooks.stagePicture(pictureFileName(name, mimeType), bytes) };
    },
    showSharedFolder: async (raw) => {
      const { path } = parseRequest('showSharedFolder', raw);
      return { shown: hooks.showPath(path), path };
    },
    getStartAtLogin: async (raw) => {
      parseRequest('getStartAtLogin', raw);
      return hooks.startAtLogin ? hooks.startAtLogin.get() : NO_START_AT_LOGIN;
    },
    setStartAtLogin: async (raw) => {
      const { openAtLogin } = parseRequest('setStartAtLogin', raw);
      if (!hooks.startAtLogin)
        throw new ContractError('failed', 'Only the desktop app can start when you sign in.');
      return hooks.startAtLogin.set(openAtLogin);
    },
    openSettings: async (raw) => {
      parseRequest('openSettings', raw);
      if (!hooks.showSettings) return { shown: false };
      hooks.showSettings();
      return { shown: true };
    },
    takeScreenshot: async (raw) => {
      parseRequest('takeScreenshot', raw);
      if (!hooks.takeScreenshot)
        throw new ContractError('failed', 'Screenshots need the Pigeon desktop app.');
      const taken = await hooks.takeScreenshot();
      return taken === undefined ? {} : { path: taken };
    },
  };
}
