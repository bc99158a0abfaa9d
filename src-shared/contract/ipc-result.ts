import type { ContractError } from './errors';

/**
 * How a reply crosses Electron IPC between Pigeon's main process and its preload.
 *
 * Electron wraps a rejected `ipcMain.handle` promise as "Error invoking remote
 * method '…': Error: …", so main answers with this envelope instead and the
 * preload turns a failure back into a rejection that carries the plain message.
 */
export type IpcResult<T> =
  { ok: true; value: T } | { ok: false; code: ContractError['code']; message: string };

/** The plain message a window sees when something unexpected fails in main. */
export const GENERIC_FAILURE = 'Something went wrong';

/** Unwrap a reply; a failure becomes an Error with the plain message main sent. */
export function unwrapIpcResult<T>(result: unknown): T {
  if (typeof result === 'object' && result !== null && 'ok' in result) {
    const reply = result as IpcResult<T>;
    if (reply.ok) return reply.value;
    throw new Error(typeof reply.message === 'string' ? reply.message : GENERIC_FAILURE);
  }
  throw new Error(GENERIC_FAILURE);
}
