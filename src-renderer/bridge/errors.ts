/** A request that failed on the other side of the bridge, or never got there. */
export class BridgeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

/**
 * A rejection from window.pigeon as a BridgeError, as the WebSocket client gives:
 * the preload rejects with a plain `{code, message}` because contextBridge drops an
 * Error's code. Anything without a code is passed on untouched.
 */
export function withCode(reason: unknown): unknown {
  if (reason instanceof BridgeError || typeof reason !== 'object' || reason === null) return reason;
  const { code, message } = reason as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || typeof message !== 'string') return reason;
  return new BridgeError(code, message);
}

/**
 * The plain-words part of a failed request. Main's replies carry plain words already;
 * an error from another window or realm (not `instanceof Error` here) is read from
 * its string form, "TypeError: …", whose name is dropped.
 */
export function describeError(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  return raw.replace(/^[A-Z][A-Za-z]*Error:\s*/, '').trim();
}
