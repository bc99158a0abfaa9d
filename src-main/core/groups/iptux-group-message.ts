// iptux's own group and broadcast message (command 0xFB): the text in the extra, the
// kind of group in the option bits, never acknowledged. iptux files it under the
// sender's group of that kind: REGULAR is the sender's own chat.
import { makeCommand, Mode } from '../ipmsg/commands';
import type { Packet } from '../ipmsg/packet';
import type { LegacyEncoding } from '../ipmsg/text';
import { readIncomingMessage, type IncomingMessage } from '../pipeline/incoming-message';

export type IptuxScope = 'regular' | 'segment' | 'group' | 'broadcast';

/**
 * The option values are a number in bits 8-10, not flags: GROUP (0x300) is REGULAR
 * and SEGMENT together, so the value is compared whole.
 */
const SCOPE_BITS = 0x700;
const SCOPES: ReadonlyMap<number, IptuxScope> = new Map([
  [0x100, 'regular'],
  [0x200, 'segment'],
  [0x300, 'group'],
  [0x400, 'broadcast'],
]);
const BITS_OF: Record<IptuxScope, number> = {
  regular: 0x100,
  segment: 0x200,
  group: 0x300,
  broadcast: 0x400,
};

export interface IptuxGroupMessage {
  scope: IptuxScope;
  incoming: IncomingMessage;
}

/** The scope of a 0xFB command; an unknown value is the sender's own chat, as iptux reads it. */
export function iptuxScopeOf(command: number): IptuxScope {
  return SCOPES.get(command & SCOPE_BITS) ?? 'regular';
}

/** Reads a 0xFB packet as a message of no options (its bits would read as "sealed"). */
export function readIptuxGroupMessage(packet: Packet, legacy: LegacyEncoding): IptuxGroupMessage {
  const scope = iptuxScopeOf(packet.command);
  // Decoded as a plain SENDMSG would be: the option bits mean something else here.
  const asMessage = { ...packet, command: makeCommand(Mode.SENDMSG) };
  const incoming = readIncomingMessage(asMessage, legacy);
  return {
    scope,
    incoming: {
      ...incoming,
      packet,
      options: {
        confirm: false,
        sealed: false,
        readCheck: false,
        autoReply: false,
        broadcast: true,
      },
    },
  };
}

/** The command iptux sends a message to a group of `scope` with. */
export function iptuxGroupCommand(scope: IptuxScope): number {
  return makeCommand(Mode.IPTUX_GROUP_MSG, BITS_OF[scope]);
}
