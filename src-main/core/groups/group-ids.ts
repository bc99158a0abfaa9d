// Ids of group conversations, one scheme per kind of group, all under the shared
// `group:` prefix so that a conversation id alone says whether it is a group.
import { GROUP_ID_PREFIX } from '../../../src-shared/contract';

export {
  BROADCAST_GROUP_ID,
  pigeonGroupId,
  pigeonGroupUuid,
  SEGMENT_GROUP_ID,
} from '../../../src-shared/contract';

/** iptux files a group message under the sender's group name (`belong_group`). */
export function iptuxGroupId(groupName: string): string {
  return `${GROUP_ID_PREFIX}iptux:${groupName}`;
}

/** The iptux group name back from its id; undefined for any other id. */
export function iptuxGroupName(id: string): string | undefined {
  const prefix = `${GROUP_ID_PREFIX}iptux:`;
  return id.startsWith(prefix) ? id.slice(prefix.length) : undefined;
}

/** A FeiQ group by the id FeiQ gives it (lower-case hex). */
export function feiqGroupId(number: string): string {
  return `${GROUP_ID_PREFIX}feiq:${number.toLowerCase()}`;
}

/** FeiQ's id back from a group's id; undefined for any other id. */
export function feiqGroupNumber(id: string): string | undefined {
  const prefix = `${GROUP_ID_PREFIX}feiq:`;
  return id.startsWith(prefix) ? id.slice(prefix.length) : undefined;
}
