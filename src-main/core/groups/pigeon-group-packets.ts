// Pigeon groups on the wire, between Pigeons only: a group's state travels in a Pigeon-only
// mode (confirmed by RECVMSG like a message), a member whose copy is older asks for it with
// another, and a group message is an ordinary SENDMSG to each member whose text is followed,
// after its NUL, by the group's id and the digest of the sender's copy of the state.
import { z } from 'zod';
import type { MemberField, PigeonGroupState } from './pigeon-group-state';

/** "Here is the group's state" (extra: the state as JSON); answered by RECVMSG. */
export const GROUP_STATE_MODE = 0xe4;
/** "Send me the group's state" (extra: the group's id); answered by GROUP_STATE. */
export const GROUP_FETCH_MODE = 0xe5;

/** A group holds at most this many members, in and out, so its state fits one datagram. */
export const MAX_GROUP_MEMBERS = 48;
export const MAX_GROUP_NAME = 64;

const GroupId = z.string().regex(/^[0-9a-f-]{36}$/);
const PeerId = z
  .string()
  .min(3)
  .max(128)
  .regex(/^[^\0:@]+@[^\0:]+$/);
const Nickname = z.string().max(64);
const Clock = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

// Compact on the wire: [value, clock, author] and [member, in (1/0), nickname, clock, author].
const WireState = z.object({
  v: z.literal(1),
  id: GroupId,
  c: PeerId,
  n: z.tuple([z.string().max(MAX_GROUP_NAME), Clock, PeerId]),
  m: z
    .array(z.tuple([PeerId, z.union([z.literal(0), z.literal(1)]), Nickname, Clock, PeerId]))
    .max(MAX_GROUP_MEMBERS),
});

/** The GROUP_STATE extra: the state as compact JSON. */
export function groupStateExtra(state: PigeonGroupState): Buffer {
  const wire: z.infer<typeof WireState> = {
    v: 1,
    id: state.id,
    c: state.creator,
    n: [state.name.value, state.name.stamp.clock, state.name.stamp.author],
    m: Object.entries(state.members).map(([id, field]) => [
      id,
      field.in ? 1 : 0,
      field.nickname,
      field.stamp.clock,
      field.stamp.author,
    ]),
  };
  return Buffer.from(JSON.stringify(wire), 'utf8');
}

/** A GROUP_STATE extra read back; undefined for anything malformed (a hostile peer's too). */
export function readGroupStateExtra(extra: Buffer): PigeonGroupState | undefined {
  const nul = extra.indexOf(0);
  let json: unknown;
  try {
    json = JSON.parse((nul === -1 ? extra : extra.subarray(0, nul)).toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = WireState.safeParse(json);
  if (!parsed.success) return undefined;
  const { id, c, n, m } = parsed.data;
  const members: Record<string, MemberField> = {};
  for (const [member, inGroup, nickname, clock, author] of [...m].sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0,
  )) {
    // A member listed twice is not a state any Pigeon writes.
    if (Object.hasOwn(members, member)) return undefined;
    members[member] = { in: inGroup === 1, nickname, stamp: { clock, author } };
  }
  return { id, creator: c, name: { value: n[0], stamp: { clock: n[1], author: n[2] } }, members };
}

/** The GROUP_FETCH extra: which group. */
export function groupFetchExtra(groupId: string): Buffer {
  return Buffer.from(groupId, 'latin1');
}

export function readGroupFetchExtra(extra: Buffer): string | undefined {
  const nul = extra.indexOf(0);
  const id = (nul === -1 ? extra : extra.subarray(0, nul)).toString('latin1');
  return GroupId.safeParse(id).success ? id : undefined;
}
