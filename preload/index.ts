/**
 * Pigeon's preload: runs sandboxed and context-isolated in every window and
 * exposes `window.pigeon`, one typed function per contract channel plus an event
 * subscription. ipcRenderer itself never crosses the bridge.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { channelFunctions } from '../src-shared/contract/api';
import { EVENTS_CHANNEL, ipcChannel } from '../src-shared/contract/channel-names';
import type {
  ChannelName,
  ChannelRequest,
  ChannelResponse,
  PigeonApi,
  PigeonEvent,
} from '../src-shared/contract';
import { unwrapIpcResult, windowFailure } from '../src-shared/contract/ipc-result';
import { FILES_API_NAME, type PigeonFilesApi } from '../src-shared/contract/local-files';

function call<C extends ChannelName>(name: C) {
  const channel = ipcChannel(name);
  return async (request?: ChannelRequest<C>): Promise<ChannelResponse<C>> => {
    const reply: unknown = await ipcRenderer.invoke(channel, request);
    try {
      return unwrapIpcResult<ChannelResponse<C>>(reply);
    } catch (error) {
      // An Error's code would not survive contextBridge; a plain object does.
      return Promise.reject(windowFailure(error));
    }
  };
}

function onEvents(listener: (events: PigeonEvent[]) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError('onEvents needs a listener function');
  // Only the payload is passed on: the IpcRendererEvent would leak ipcRenderer.
  const forward = (_event: IpcRendererEvent, batch: unknown): void => {
    if (Array.isArray(batch)) listener(batch as PigeonEvent[]);
  };
  ipcRenderer.on(EVENTS_CHANNEL, forward);
  return () => {
    ipcRenderer.removeListener(EVENTS_CHANNEL, forward);
  };
}

export const api: PigeonApi = Object.freeze({ ...channelFunctions(call), onEvents });

contextBridge.exposeInMainWorld('pigeon', api);

/** Paths of picked and dropped files: what offerFiles needs, and nothing more of the file system. */
export const files: PigeonFilesApi = Object.freeze({
  pathFor(file: File): string {
    try {
      return webUtils.getPathForFile(file);
    } catch {
      // Not a File from this page (or a File made in script): it has no path.
      return '';
    }
  },
});

contextBridge.exposeInMainWorld(FILES_API_NAME, files);
