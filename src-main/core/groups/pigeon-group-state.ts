// A Pigeon group's state as each member keeps it: no server, so every field carries the
// stamp of the change that set it, and two copies merge field by field, the later stamp
// winning (last-writer-wins on a Lamport clock, the author's id breaking ties). The merge
// is commutative, associative and idempotent, so members who hear the same changes in any
// order, any number of times, end with the same name and the same member list.
import { createHash } from 'node:crypto';

/** When a field was last set: a Lamport clock, and who set it (user@host) for ties. */
export interface Stamp {
  clock: number;
  author: string;
}

export interface GroupName {
  value: string;
  stamp: Stamp;
}

/** One member's field: in or out of the group, as last decided, and their nickname then. */
export interface MemberField {
  in: boolean;
  nickname: string;
  stamp: Stamp;
}

export interface PigeonGroupState {
  /** The group's random id (its conversation is `group:pigeon:<id>`). */
  id: string;
  /** Who made it (user@host); never changes. */
  creator: string;
  name: GroupName;
  /** Every peer ever in the group, by user@host: the ones still in and the ones out. */
  members: Readonly<Record<string, MemberField>>;
}

/** One change a member makes; its stamp is given by `applyChange`. */
export type GroupChange =
  | { kind: 'rename'; name: string }
  | { kind: 'add'; member: string; nickname: string }
  | { kind: 'remove'; member: string };

/** Orders two stamps: the clock first, then the author's id. */
export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.clock !== b.clock) return a.clock < b.clock ? -1 : 1;
  if (a.author === b.author) return 0;
  return a.author < b.author ? -1 : 1;
}

/**
 * The later of two values of one field. Equal stamps with different values only come
 * from a misbehaving peer; the value itself then decides, so the merge stays commutative.
 */
function later<T extends { stamp: Stamp }>(a: T, b: T): T {
  const order = compareStamps(a.stamp, b.stamp);
  if (order !== 0) return order > 0 ? a : b;
  return canonical(a) >= canonical(b) ? a : b;
}

/** Two copies of one group, field by field. */
export function mergeGroupStates(a: PigeonGroupState, b: PigeonGroupState): PigeonGroupState {
  const members: Record<string, MemberField> = { ...a.members };
  for (const [id, theirs] of Object.entries(b.members)) {
    const ours = members[id];
    members[id] = ours ? later(ours, theirs) : theirs;
  }
  return {
    id: a.id,
    // The same on every copy; the smaller wins should a peer ever disagree.
    creator: a.creator <= b.creator ? a.creator : b.creator,
    name: later(a.name, b.name),
    members: sortedByKey(members),
  };
}

/** The highest clock any field carries: the next change gets one more. */
export function groupClock(state: PigeonGroupState): number {
  let clock = state.name.stamp.clock;
  for (const member of Object.values(state.members)) clock = Math.max(clock, member.stamp.clock);
  return clock;
}

/** A change made here by `author`, stamped after everything this copy has seen. */
export function applyChange(
  state: PigeonGroupState,
  author: string,
  change: GroupChange,
): PigeonGroupState {
  const stamp = { clock: groupClock(state) + 1, author };
  if (change.kind === 'rename') return { ...state, name: { value: change.name, stamp } };
  const before = state.members[change.member];
  const field: MemberField =
    change.kind === 'add'
      ? { in: true, nickname: change.nickname, stamp }
      : { in: false, nickname: before?.nickname ?? '', stamp };
  return { ...state, members: sortedByKey({ ...state.members, [change.member]: field }) };
}

/** A new group: its creator and the members picked, all stamped at clock 1. */
export function newGroupState(
  id: string,
  creator: { id: string; nickname: string },
  name: string,
  members: readonly { id: string; nickname: string }[],
): PigeonGroupState {
  const stamp = { clock: 1, author: creator.id };
  const fields: Record<string, MemberField> = {};
  for (const member of [creator, ...members])
    fields[member.id] = { in: true, nickname: member.nickname, stamp };
  return { id, creator: creator.id, name: { value: name, stamp }, members: sortedByKey(fields) };
}

/** The ids of those in the group now, in a stable order. */
export function membersIn(state: PigeonGroupState): string[] {
  return Object.entries(state.members)
    .filter(([, field]) => field.in)
    .map(([id]) => id);
}

/**
 * A short fingerprint of the whole state: equal on two members exactly when their copies
 * are equal, so a message can carry it and a member whose copy differs asks for the state.
 */
export function groupDigest(state: PigeonGroupState): string {
  return createHash('sha256').update(canonical(state)).digest('hex').slice(0, 16);
}

/** Members in key order, so equal states serialise (and digest) equally. */
function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  const sorted: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) sorted[key] = record[key] as T;
  return sorted;
}

/** JSON with object keys in order, whatever order they were built in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? sortedByKey(inner as Record<string, unknown>)
      : inner,
  );
}
