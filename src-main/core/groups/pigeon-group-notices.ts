// What changed between two copies of a Pigeon group, as the lines its log shows:
// "小王 added 李四", "李四 left", "Alice renamed the group to …". Each change is told by
// who made it (the stamp's author), the same on every member.
import type { GroupNotice } from '../../../src-shared/contract';
import type { PigeonGroupState } from './pigeon-group-state';

export function groupNotices(
  before: PigeonGroupState | undefined,
  after: PigeonGroupState,
  self: string,
): GroupNotice[] {
  const nameOf = (id: string): string => after.members[id]?.nickname || id;
  if (!before) {
    // A group new to us: who made it, not every member it started with.
    const by = after.members[self]?.stamp.author ?? after.creator;
    return [{ kind: 'created', by, byName: nameOf(by), name: after.name.value }];
  }
  const notices: GroupNotice[] = [];
  for (const [member, field] of Object.entries(after.members)) {
    const was = before.members[member]?.in === true;
    if (was === field.in) continue;
    const by = field.stamp.author;
    const kind = field.in ? 'added' : by === member ? 'left' : 'removed';
    const notice: GroupNotice = { kind, by, byName: nameOf(by) };
    if (kind !== 'left') Object.assign(notice, { member, memberName: nameOf(member) });
    notices.push(notice);
  }
  if (after.name.value !== before.name.value) {
    const by = after.name.stamp.author;
    notices.push({ kind: 'renamed', by, byName: nameOf(by), name: after.name.value });
  }
  return notices;
}
