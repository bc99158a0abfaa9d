// Groups: muting one, making and changing a Pigeon group, and who has a message sent to it
// (groups/groups.ts, groups/pigeon-groups.ts).
import type { ParsedRequest } from '../../../src-shared/contract';
import { refuseWhenDiskFull } from '../disk-full-notice';
import type { MessengerCommands } from '../messenger-api';
import type { CommandContext } from './command-context';

type GroupCommand = 'muteGroup' | 'createGroup' | 'changeGroup' | 'groupDelivery';

export function groupCommands({ services }: CommandContext): Pick<MessengerCommands, GroupCommand> {
  return {
    muteGroup: ({ groupId, muted }: ParsedRequest<'muteGroup'>) =>
      services.groups.setMuted(groupId, muted),
    createGroup: (request: ParsedRequest<'createGroup'>) =>
      refuseWhenDiskFull(() => services.pigeonGroups.create(request)),
    changeGroup: (request: ParsedRequest<'changeGroup'>) =>
      refuseWhenDiskFull(() => services.pigeonGroups.change(request)),
    groupDelivery: ({ messageId }: ParsedRequest<'groupDelivery'>) =>
      services.pigeonGroups.delivery.deliveryList(messageId),
  };
}
