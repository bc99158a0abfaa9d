/**
 * A line in a Pigeon group's log about the group itself ("小王 added 李四", "Alice renamed
 * the group to …"), or in a one-to-one chat that the peer shook the window: kept as a message whose state is `notice` and whose text is this, as
 * JSON, so each window words it in its own language. Zod-free: the renderer reads it.
 */
export type GroupNoticeKind = 'created' | 'added' | 'removed' | 'left' | 'renamed' | 'shook';

export interface GroupNotice {
  kind: GroupNoticeKind;
  /** Who made the change (user@host), and their nickname then. */
  by: string;
  byName: string;
  /** The member added, removed or who left. */
  member?: string;
  memberName?: string;
  /** The new name (renamed, created). */
  name?: string;
}

const KINDS = new Set<string>(['created', 'added', 'removed', 'left', 'renamed', 'shook']);

export function groupNoticeText(notice: GroupNotice): string {
  return JSON.stringify(notice);
}

/** The notice a stored text holds; undefined when it holds none (the text is hostile too). */
export function readGroupNotice(text: string): GroupNotice | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const str = (key: string): string | undefined =>
    typeof v[key] === 'string' ? (v[key] as string).slice(0, 128) : undefined;
  const kind = str('kind');
  const by = str('by');
  if (kind === undefined || !KINDS.has(kind) || by === undefined) return undefined;
  const notice: GroupNotice = { kind: kind as GroupNoticeKind, by, byName: str('byName') ?? by };
  const member = str('member');
  if (member !== undefined) {
    notice.member = member;
    notice.memberName = str('memberName') ?? member;
  }
  const name = str('name');
  if (name !== undefined) notice.name = name;
  return notice;
}

/**
 * The notice as one English line ("小王 added 李四"), for what has no window language:
 * the text export and search. The windows word it in their own language instead.
 */
export function groupNoticeSentence(notice: GroupNotice): string {
  const member = notice.memberName ?? notice.member ?? '';
  switch (notice.kind) {
    case 'created':
      return `${notice.byName} created the group ${notice.name ?? ''}`.trimEnd();
    case 'added':
      return `${notice.byName} added ${member}`;
    case 'removed':
      return `${notice.byName} removed ${member}`;
    case 'left':
      return `${notice.byName} left the group`;
    case 'renamed':
      return `${notice.byName} renamed the group to ${notice.name ?? ''}`;
    case 'shook':
      return `${notice.byName} shook the window`;
  }
}
