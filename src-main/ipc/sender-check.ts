import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { ContractError } from '../../src-shared/contract';

export interface TrustedSenders {
  /** Whether these contents belong to one of Pigeon's own windows. */
  isOwnWebContents(contents: WebContents): boolean;
  /** Whether a URL is Pigeon's own renderer page. */
  isOwnPage(url: string): boolean;
}

/**
 * Refuse any request that is not from the top frame of one of Pigeon's windows
 * showing Pigeon's own page. Runs before anything looks at the request.
 */
export function assertTrustedSender(event: IpcMainInvokeEvent, trusted: TrustedSenders): void {
  const frame = event.senderFrame;
  const trustedFrame =
    frame !== null &&
    frame.parent === null &&
    trusted.isOwnWebContents(event.sender) &&
    trusted.isOwnPage(frame.url);
  if (!trustedFrame) {
    throw new ContractError('forbidden', 'Request refused: it did not come from a Pigeon window.');
  }
}
