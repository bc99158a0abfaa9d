import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  channelNames,
  ContractError,
  EVENTS_CHANNEL,
  ipcChannel,
  type ChannelName,
  type PigeonEvent,
} from '../../src-shared/contract';
import { GENERIC_FAILURE, type IpcResult } from '../../src-shared/contract/ipc-result';
import { EventBatcher } from '../adapters/event-batcher';
import { createHandlers, type ShellHooks } from '../adapters/handlers';
import type { MessengerCore } from '../core/messenger-api';
import { assertTrustedSender, type TrustedSenders } from './sender-check';

export interface IpcWindows extends TrustedSenders {
  /** Contents of every live window: where event batches go. */
  liveWebContents(): WebContents[];
}

export interface IpcAdapterOptions extends ShellHooks {
  core: MessengerCore;
  windows: IpcWindows;
  batchIntervalMs?: number;
  /** Where unexpected failures are reported (console by default). */
  logError?: (message: string, error: unknown) => void;
}

export interface IpcAdapter {
  /** Answer one request as the ipcMain handler does (exposed for tests). */
  invoke(
    channel: ChannelName,
    event: IpcMainInvokeEvent,
    raw: unknown,
  ): Promise<IpcResult<unknown>>;
  /** Send pending events now. */
  flush(): void;
  /** Remove every handler and stop forwarding events. */
  dispose(): void;
}

/**
 * The Electron side of the contract: one `ipcMain.handle` per channel (sender
 * check first, then the shared handler that parses), and core events fanned out
 * to every window in batches. A window that opens later asks for a snapshot.
 */
export function createIpcAdapter(options: IpcAdapterOptions): IpcAdapter {
  const { core, windows } = options;
  const logError = options.logError ?? ((message, error) => console.error(message, error));
  // The options are the shell's hooks (IpcAdapterOptions extends ShellHooks).
  const handlers = createHandlers(core, options);

  const batcher = new EventBatcher((batch: PigeonEvent[]) => {
    for (const contents of windows.liveWebContents()) {
      if (contents.isDestroyed()) continue;
      try {
        contents.send(EVENTS_CHANNEL, batch);
      } catch (error) {
        logError('Pigeon could not deliver events to a window:', error);
      }
    }
  }, options.batchIntervalMs);
  const unsubscribe = core.onEvent((event) => batcher.push(event));

  async function invoke(
    channel: ChannelName,
    event: IpcMainInvokeEvent,
    raw: unknown,
  ): Promise<IpcResult<unknown>> {
    try {
      assertTrustedSender(event, windows);
      const handler = handlers[channel] as (raw: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(raw) };
    } catch (error) {
      if (error instanceof ContractError) {
        return { ok: false, code: error.code, message: error.message };
      }
      logError(`Pigeon failed to answer ${channel}:`, error);
      return { ok: false, code: 'failed', message: GENERIC_FAILURE };
    }
  }

  for (const channel of channelNames) {
    ipcMain.handle(ipcChannel(channel), (event, raw: unknown) => invoke(channel, event, raw));
  }

  return {
    invoke,
    flush: () => batcher.drain(),
    dispose() {
      unsubscribe();
      batcher.dispose();
      for (const channel of channelNames) ipcMain.removeHandler(ipcChannel(channel));
    },
  };
}
