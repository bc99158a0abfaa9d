/**
 * The zod-free part of the contract: names and limits that the sandboxed preload
 * and the renderer need at run time without bundling the schema library.
 * `contract.ts` re-exports everything here.
 */
import type { ChannelName } from './contract';

/** The longest text one message may carry; the core splits it into datagrams. */
export const MAX_MESSAGE_CHARS = 20000;

/** Electron IPC channel for a contract channel. */
export const ipcChannel = (name: ChannelName): string => `pigeon:${name}`;

/** Electron IPC channel on which batched events reach windows. */
export const EVENTS_CHANNEL = 'pigeon:events';
