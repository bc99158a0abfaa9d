// What the commands (one file per concern in this folder) need of the messenger: its store,
// its services and the state only the facade owns (running, our profile, the event stream).
import { ContractError, type PigeonEvent, type SelfDTO } from '../../../src-shared/contract';
import type { PeerDirectory, PeerRecord } from '../discovery/peer-directory';
import type { KeyBook } from '../keys/key-book';
import type { MessageSeals } from '../keys/message-seals';
import type { MessengerServices } from '../messenger-services';
import type { PigeonStore } from '../store';

export interface CommandContext {
  store: PigeonStore;
  services: MessengerServices;
  directory: PeerDirectory;
  keys: KeyBook;
  seals: MessageSeals;
  isRunning: () => boolean;
  self: () => SelfDTO;
  /** Our profile changed (the facade keeps it). */
  setSelf: (self: SelfDTO) => void;
  emit: (event: PigeonEvent) => void;
  /** Keep a peer and tell the windows. */
  emitPeer: (peer: PeerRecord) => void;
}

/** Sending needs the socket: a clear refusal instead of a message that cannot leave. */
export function requireRunning(context: CommandContext): void {
  if (!context.isRunning())
    throw new ContractError('failed', 'Pigeon is not connected to the network.');
}

/** Nothing goes to a Pigeon whose key changed until the user accepts the new key. */
export function refuseChangedKey(context: CommandContext, peerId: string): void {
  if (context.keys.awaitsAcceptance(peerId))
    throw new ContractError(
      'failed',
      'This contact’s key changed: accept the new key in its chat before sending.',
    );
}
