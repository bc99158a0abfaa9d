// The merge of two copies of a Pigeon group, as properties: whatever order members hear
// changes in, and however often, they end with the same group (last writer wins per field,
// by Lamport clock, then the author's id).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyChange,
  membersIn,
  mergeGroupStates,
  newGroupState,
  type GroupChange,
  type PigeonGroupState,
} from '../../../../src-main/core/groups/pigeon-group-state';

const ID = '0b6f6d1e-2f5c-4f0e-9d7a-3c1a2b3c4d5e';
const people = ['alice@a', 'bob@b', 'carol@c', 'dave@d', 'erin@e'];
const person = fc.constantFrom(...people);
const stamp = fc.record({ clock: fc.integer({ min: 0, max: 6 }), author: person });

/** Arbitrary copies of one group: any fields with any stamps, as members may hold them. */
const copy: fc.Arbitrary<PigeonGroupState> = fc
  .record({
    name: fc.record({ value: fc.constantFrom('项目组', 'Team', ''), stamp }),
    members: fc.dictionary(
      person,
      fc.record({ in: fc.boolean(), nickname: fc.constantFrom('小王', 'Bob', ''), stamp }),
    ),
  })
  .map(({ name, members }) => ({ id: ID, creator: 'alice@a', name, members }));

/** Equal as groups: the same fields, whatever order the members were listed in. */
const same = (a: PigeonGroupState, b: PigeonGroupState): void => {
  expect(JSON.stringify(mergeGroupStates(a, a))).toBe(JSON.stringify(mergeGroupStates(b, b)));
};

describe('merging copies of a Pigeon group', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(copy, copy, (a, b) => same(mergeGroupStates(a, b), mergeGroupStates(b, a))),
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(copy, copy, copy, (a, b, c) =>
        same(
          mergeGroupStates(mergeGroupStates(a, b), c),
          mergeGroupStates(a, mergeGroupStates(b, c)),
        ),
      ),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(copy, copy, (a, b) =>
        same(mergeGroupStates(mergeGroupStates(a, b), b), mergeGroupStates(a, b)),
      ),
    );
  });

  it('lets members who edit at once, and hear each other in any order, converge', () => {
    const change: fc.Arbitrary<GroupChange> = fc.oneof(
      fc.record({ kind: fc.constant('rename' as const), name: fc.constantFrom('A', 'B', '群') }),
      fc.record({ kind: fc.constant('add' as const), member: person, nickname: fc.constant('x') }),
      fc.record({ kind: fc.constant('remove' as const), member: person }),
    );
    const edits = fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), change), { maxLength: 12 });
    fc.assert(
      fc.property(
        edits,
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
        (list, order) => {
          const start = newGroupState(ID, { id: 'alice@a', nickname: 'Alice' }, 'G', [
            { id: 'bob@b', nickname: 'Bob' },
            { id: 'carol@c', nickname: 'Carol' },
          ]);
          // Three members edit their own copies without hearing each other...
          const copies = [start, start, start];
          for (const [who, edit] of list)
            copies[who] = applyChange(copies[who] as PigeonGroupState, people[who] as string, edit);
          // ...then each merges the others' copies, in its own order.
          const finals = copies.map((own, i) => {
            const others = copies.filter((_, j) => j !== i);
            if ((order[i] ?? 0) % 2 === 1) others.reverse();
            return others.reduce(mergeGroupStates, own);
          });
          same(finals[0] as PigeonGroupState, finals[1] as PigeonGroupState);
          same(finals[1] as PigeonGroupState, finals[2] as PigeonGroupState);
        },
      ),
    );
  });
});

describe('a change stamped after what this copy has seen', () => {
  it('wins over the change it follows, and ties go to the higher author id', () => {
    const start = newGroupState(ID, { id: 'alice@a', nickname: 'Alice' }, 'G', [
      { id: 'bob@b', nickname: 'Bob' },
    ]);
    const removed = applyChange(start, 'alice@a', { kind: 'remove', member: 'bob@b' });
    expect(membersIn(removed)).toEqual(['alice@a']);
    // Bob renames at the same clock as Alice's removal: both fields are kept.
    const renamed = applyChange(start, 'bob@b', { kind: 'rename', name: 'B' });
    const merged = mergeGroupStates(removed, renamed);
    expect(membersIn(merged)).toEqual(['alice@a']);
    expect(merged.name.value).toBe('B');
    // Both rename at clock 2: bob@b > alice@a decides, on either side.
    const aliceRename = applyChange(start, 'alice@a', { kind: 'rename', name: 'A' });
    expect(mergeGroupStates(aliceRename, renamed).name.value).toBe('B');
    expect(mergeGroupStates(renamed, aliceRename).name.value).toBe('B');
    // Alice re-adds Bob after hearing Bob's rename: a later clock wins over her removal.
    const readded = applyChange(merged, 'alice@a', {
      kind: 'add',
      member: 'bob@b',
      nickname: 'Bob',
    });
    expect(mergeGroupStates(removed, readded).members['bob@b']?.in).toBe(true);
  });
});
