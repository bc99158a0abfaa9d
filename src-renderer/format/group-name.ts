import type { GroupDTO } from '../../src-shared/contract';
import { BROADCAST_GROUP_ID, SEGMENT_GROUP_ID } from '../../src-shared/contract/group-ids';

export interface GroupNameWords {
  broadcast: string;
  segment: string;
  unnamed: string;
}

/**
 * What to call a group: its name; iptux's broadcast and segment groups, which have
 * none of their own, in the user's words.
 */
export function groupName(
  group: Pick<GroupDTO, 'id' | 'name'> | undefined,
  id: string,
  words: GroupNameWords,
): string {
  if (id === BROADCAST_GROUP_ID) return words.broadcast;
  if (id === SEGMENT_GROUP_ID) return words.segment;
  return group?.name.trim() || words.unnamed;
}
