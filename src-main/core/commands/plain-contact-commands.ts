// Contacts that are plain programs on UDP or TCP (plain-contacts/plain-contacts.ts).
import type { ParsedRequest } from '../../../src-shared/contract';
import type { MessengerCommands } from '../messenger-api';
import type { CommandContext } from './command-context';

type PlainContactCommand = 'addPlainContact' | 'reconnectPlainContact' | 'removePlainContact';

export function plainContactCommands({
  services,
}: CommandContext): Pick<MessengerCommands, PlainContactCommand> {
  return {
    addPlainContact: (request: ParsedRequest<'addPlainContact'>) => services.plain.add(request),
    reconnectPlainContact: ({ peerId }: ParsedRequest<'reconnectPlainContact'>) =>
      services.plain.reconnect(peerId),
    removePlainContact: ({ peerId }: ParsedRequest<'removePlainContact'>) => {
      services.plain.remove(peerId);
      return { ok: true as const };
    },
  };
}
