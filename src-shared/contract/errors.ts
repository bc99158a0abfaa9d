// The one error the contract knows: its code survives every hop to the window.

/** A request that was refused or failed, in plain words; `code` tells the window which. */
export class ContractError extends Error {
  constructor(
    readonly code: 'invalid-request' | 'unknown-channel' | 'forbidden' | 'failed' | 'disk-full',
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}
