// Why a transfer stopped, in a form the messenger can map to a sentence for the user.

export type TransferErrorCode =
  /** The user (or the caller) cancelled. */
  | 'aborted'
  /** No connection to the peer's port. */
  | 'connect'
  /** The peer accepted the connection and closed it without sending anything. */
  | 'refused'
  /** Nothing arrived for too long. */
  | 'timeout'
  /** The connection ended before the announced size arrived. */
  | 'short'
  /** The peer's folder stream could not be read. */
  | 'protocol'
  /** The received bytes do not match the expected SHA-256. */
  | 'checksum'
  /** The sender found its file changed since the offer and withdrew it (sealed transfers). */
  | 'changed'
  /** Reading or writing files on this computer failed. */
  | 'io';

export class TransferError extends Error {
  constructor(
    readonly code: TransferErrorCode,
    message: string,
    /** Kept partial file, for a later resume (only with keepPartialOnFailure). */
    readonly partialPath?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransferError';
  }
}

/** Wraps anything thrown into a TransferError, keeping a TransferError's own code. */
export function asTransferError(error: unknown, fallback: TransferErrorCode): TransferError {
  if (error instanceof TransferError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TransferError(fallback, message, undefined, { cause: error });
}
