import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../src-main/core/store';

describe('groups in the store (migration 11)', () => {
  it('keeps a group whole and reads it back', () => {
    const store = openStore(':memory:');
    const group = {
      id: 'group:iptux:研发部',
      kind: 'iptux' as const,
      name: '研发部',
      members: ['tux@vm', 'a@b'],
      creator: 'a@b',
      muted: true,
    };
    store.groups.save({ group, clock: 3 });
    expect(store.groups.get(group.id)).toEqual({ group, clock: 3 });
    store.groups.save({ group: { ...group, muted: false, members: [] }, clock: 4 });
    const { muted: _muted, ...unmuted } = group;
    expect(store.groups.all()).toEqual([{ group: { ...unmuted, members: [] }, clock: 4 }]);
    store.close();
  });

  it('survives an edited file: damaged members read as none, an unknown kind is left out', () => {
    const store = openStore(':memory:');
    store.db.run(() => {
      store.db
        .statement(
          `INSERT INTO groups (id, kind, name, members) VALUES ('group:x', 'iptux', 'X', '{not json')`,
        )
        .run();
      store.db
        .statement(
          `INSERT INTO groups (id, kind, name, members) VALUES ('group:y', 'iptux', 'Y', '[1, 2]')`,
        )
        .run();
    });
    // The CHECK keeps unknown kinds out of a file this version writes.
    expect(() =>
      store.db.run(() =>
        store.db
          .statement(`INSERT INTO groups (id, kind, name) VALUES ('group:z', 'x', 'Z')`)
          .run(),
      ),
    ).toThrow();
    expect(store.groups.all().map(({ group }) => [group.id, group.members])).toEqual([
      ['group:x', []],
      ['group:y', []],
    ]);
    store.close();
  });
});
