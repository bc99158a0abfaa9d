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
 * The plain-words part of a failed request. Electron wraps errors thrown in main as
 * "Error invoking remote method 'pigeon:x': ContractError: …"; users need the last part.
 */
export function describeError(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  return raw
    .replace(/^Error invoking remote method '[^']*':\s*/, '')
    .replace(/^[A-Z][A-Za-z]*Error:\s*/, '')
    .trim();
}
