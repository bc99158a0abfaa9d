// The user's side of peer keys (keys/key-book.ts): look at a contact's key and its
// fingerprints, accept a changed key, mark a contact verified.
import { ContractError, type ParsedRequest } from '../../../src-shared/contract';
import { describePeerKeys } from '../keys/peer-keys-view';
import type { MessengerCommands } from '../messenger-api';
import type { CommandContext } from './command-context';

export function keyCommands(
  context: CommandContext,
): Pick<MessengerCommands, 'getPeerKeys' | 'acceptPeerKey' | 'setPeerVerified'> {
  const { keys, seals, directory } = context;
  const describe = (peerId: string) => describePeerKeys(keys, peerId, seals.seals(peerId));
  const tellPeer = (peerId: string) => {
    const peer = directory.get(peerId);
    if (peer) context.emitPeer(peer);
  };
  return {
    getPeerKeys: ({ peerId }: ParsedRequest<'getPeerKeys'>) => describe(peerId),
    acceptPeerKey: ({ peerId }: ParsedRequest<'acceptPeerKey'>) => {
      if (keys.acceptNewKey(peerId)) {
        tellPeer(peerId);
        // What waited for the new key goes out now: one-to-one and group copies alike.
        if (context.isRunning()) {
          context.services.messaging.flushOutbox(peerId);
          context.services.pigeonGroups.peerBack(peerId);
        }
      }
      return describe(peerId);
    },
    setPeerVerified: ({ peerId, verified }: ParsedRequest<'setPeerVerified'>) => {
      if (!keys.setVerified(peerId, verified))
        throw new ContractError('failed', 'This contact has no key to verify.');
      tellPeer(peerId);
      return describe(peerId);
    },
  };
}
