import type { PigeonApi } from '../../src-shared/contract';
import type { PigeonFilesApi } from '../../src-shared/contract/local-files';
import type { ConnectionState } from '../store/state';
import { electronApi } from './electron-api';
import { BridgeError } from './errors';
import { createUploadingFiles } from './file-staging';
import { createLocalPaths } from './local-paths';
import type { LocalFiles } from './picked-files';
import { pictureStager } from './picture-staging';
import { chatHash, readLaunchParams } from './launch-params';
import { connectWebSocketApi, type SocketFactory } from './ws-api';

declare global {
  interface Window {
    /** Set by Pigeon's preload script under Electron. */
    pigeon?: PigeonApi;
    /** Set by Pigeon's preload script under Electron: paths of picked files. */
    pigeonFiles?: PigeonFilesApi;
  }
}

/** What a window talks to: the api plus the few things that differ between Electron and headless. */
export interface Bridge {
  api: PigeonApi;
  mode: 'electron' | 'websocket';
  /**
   * Open (or focus) the chat window of a peer; resolves to the conversation id.
   * With `at`, the window opens at that message of that conversation (a search hit).
   */
  openChat(peerId: string, at?: ChatTarget): Promise<string>;
  connectionState(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  /** Local paths for picked or dropped files (headless: uploaded first). */
  localFiles: LocalFiles;
}

/** A message to open a chat window at. */
export interface ChatTarget {
  conversationId: string;
  messageId: string;
}

export interface BridgeEnvironment {
  pigeon?: PigeonApi | undefined;
  pigeonFiles?: PigeonFilesApi | undefined;
  location: Pick<Location, 'host' | 'origin' | 'search'>;
  open(url: string, target: string): unknown;
}

/**
 * Electron's preload api when there is one; otherwise, with `?token=` in the URL,
 * the headless mode's WebSocket. Throws when neither is available.
 */
export function createBridge(env: BridgeEnvironment, connect?: SocketFactory): Bridge {
  if (env.pigeon) {
    const api = electronApi(env.pigeon);
    return {
      api,
      mode: 'electron',
      async openChat(peerId, at) {
        // Main opens (or focuses) the chat window itself, at the message when given.
        return (await api.openConversation({ peerId, messageId: at?.messageId })).conversationId;
      },
      connectionState: () => 'connected',
      onConnectionChange: () => () => undefined,
      localFiles: createLocalPaths(env.pigeonFiles, pictureStager(api)),
    };
  }

  const { token, language } = readLaunchParams(env.location.search);
  if (!token) {
    throw new BridgeError('no-bridge', 'Pigeon is not reachable from this page.');
  }
  const socket = connectWebSocketApi({
    url: `ws://${env.location.host}/ws?token=${encodeURIComponent(token)}`,
    ...(connect ? { connect } : {}),
  });
  return {
    api: socket.api,
    mode: 'websocket',
    async openChat(peerId, at) {
      const { conversationId } = await socket.api.openConversation({ peerId });
      // No main process opens windows here: the page opens one per conversation,
      // named so that opening it again focuses the existing one.
      const params = new URLSearchParams({ token });
      if (language) params.set('lang', language);
      const opened = env.open(
        `${env.location.origin}/?${params.toString()}${chatHash(conversationId, at?.messageId)}`,
        `pigeon-chat-${conversationId}`,
      );
      if (!opened) {
        throw new BridgeError('popup-blocked', 'The browser blocked the chat window.');
      }
      return conversationId;
    },
    connectionState: socket.state,
    onConnectionChange: socket.onStateChange,
    localFiles: createUploadingFiles({ origin: env.location.origin, token }),
  };
}

let current: Bridge | undefined;

/** This window's bridge, made on first use. */
export function getBridge(): Bridge {
  current ??= createBridge({
    pigeon: window.pigeon,
    pigeonFiles: window.pigeonFiles,
    location: window.location,
    open: (url, target) => window.open(url, target),
  });
  return current;
}
