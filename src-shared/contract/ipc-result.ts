import { ContractError } from './errors';

/**
 * How a reply crosses Electron IPC between Pigeon's main process and its preload.
 *
 * Electron wraps a rejected `ipcMain.handle` promise as "Error invoking remote
 * method '…': Error: …" and drops its code, so main answers with this envelope
 * instead and the preload turns a failure back into a ContractError.
 */
export type IpcResult<T> =
  { ok: true; value: T } | { ok: false; code: ContractError['code']; message: string };

/** The plain message a window sees when something unexpected fails in main. */
export const GENERIC_FAILURE = 'Something went wrong';

const CODES: readonly string[] = [
  'invalid-request',
  'unknown-channel',
  'forbidden',
  'failed',
  'disk-full',
] satisfies ContractError['code'][];

const isCode = (code: unknown): code is ContractError['code'] =>
  typeof code === 'string' && CODES.includes(code);

/** Unwrap a reply; a failure becomes a ContractError with the code and plain message main sent. */
export function unwrapIpcResult<T>(result: unknown): T {
  if (typeof result === 'object' && result !== null && 'ok' in result) {
    const reply = result as IpcResult<T>;
    if (reply.ok) return reply.value;
    throw new ContractError(
      isCode(reply.code) ? reply.code : 'failed',
      typeof reply.message === 'string' ? reply.message : GENERIC_FAILURE,
    );
  }
  throw new ContractError('failed', GENERIC_FAILURE);
}

/** A failure as it reaches the window (see `windowFailure`). */
export interface IpcFailure {
  name: string;
  code: string;
  message: string;
}

/**
 * What the preload rejects with. contextBridge copies an Error's message into a new
 * Error and drops every other property, the code with them; a plain object is
 * copied whole. The renderer's bridge turns it back into an error with its code.
 */
export function windowFailure(error: unknown): IpcFailure {
  if (error instanceof ContractError)
    return { name: error.name, code: error.code, message: error.message };
  return {
    name: 'ContractError',
    code: 'failed',
    message: error instanceof Error ? error.message : GENERIC_FAILURE,
  };
}
