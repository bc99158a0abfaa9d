// Pigeon group packets, byte for byte: the state as compact JSON in GROUP_STATE (0xE4),
// the fetch (0xE5), and the tag after a group message's text. Expected bytes are written
// out here, not produced by the code under test.
import { describe, expect, it } from 'vitest';
import {
  GROUP_FETCH_MODE,
  GROUP_STATE_MODE,
  groupFetchExtra,
  groupStateExtra,
  MAX_GROUP_MEMBERS,
  readGroupFetchExtra,
  readGroupStateExtra,
} from '../../../../src-main/core/groups/pigeon-group-packets';
import {
  applyChange,
  groupDigest,
  newGroupState,
} from '../../../../src-main/core/groups/pigeon-group-state';
import {
  GROUP_TRAILER_BYTES,
  groupTrailer,
  readGroupTrailer,
} from '../../../../src-main/core/ipmsg/group-tag';
import { isKnownMode } from '../../../../src-main/core/ipmsg/commands';
import { RECALL_MODE, RECALLED_MODE } from '../../../../src-main/core/ipmsg/recall';

const ID = '0b6f6d1e-2f5c-4f0e-9d7a-3c1a2b3c4d5e';
const created = newGroupState(ID, { id: 'wang@pc1', nickname: '小王' }, '项目组', [
  { id: 'li@pc2', nickname: '李四' },
]);
const GOLDEN =
  '{"v":1,"id":"0b6f6d1e-2f5c-4f0e-9d7a-3c1a2b3c4d5e","c":"wang@pc1",' +
  '"n":["项目组",1,"wang@pc1"],"m":[["li@pc2",1,"李四",1,"wang@pc1"],["wang@pc1",1,"小王",1,"wang@pc1"]]}';

describe('Pigeon group packets', () => {
  it('use modes no other client or Pigeon feature uses', () => {
    for (const mode of [GROUP_STATE_MODE, GROUP_FETCH_MODE]) {
      expect(isKnownMode(mode)).toBe(false);
      expect([RECALL_MODE, RECALLED_MODE]).not.toContain(mode);
    }
    expect([GROUP_STATE_MODE, GROUP_FETCH_MODE]).toEqual([0xe4, 0xe5]);
  });

  it('write the state as the golden JSON and read it back', () => {
    expect(groupStateExtra(created).toString('utf8')).toBe(GOLDEN);
    expect(readGroupStateExtra(Buffer.from(GOLDEN, 'utf8'))).toEqual(created);
    const removed = applyChange(created, 'li@pc2', { kind: 'remove', member: 'li@pc2' });
    expect(groupStateExtra(removed).toString('utf8')).toContain('["li@pc2",0,"李四",2,"li@pc2"]');
    expect(readGroupStateExtra(groupStateExtra(removed))).toEqual(removed);
  });

  it('refuse states that are malformed, oversized or ambiguous', () => {
    const member = (i: number) => `["u${i}@h",1,"n",1,"wang@pc1"]`;
    const many = Array.from({ length: MAX_GROUP_MEMBERS + 1 }, (_, i) => member(i)).join(',');
    for (const bad of [
      '',
      'not json',
      GOLDEN.replace('"v":1', '"v":2'),
      GOLDEN.replace(ID, '../../etc'),
      GOLDEN.replace('"c":"wang@pc1"', '"c":"no-at-sign"'),
      GOLDEN.replace('"n":["项目组",1', `"n":["${'x'.repeat(65)}",1`),
      GOLDEN.replace('["li@pc2",1,', '["li@pc2",2,'),
      GOLDEN.replace('["li@pc2",1,"李四",1,', '["li@pc2",1,"李四",-1,'),
      GOLDEN.replace('"m":[', '"m":[["wang@pc1",0,"x",9,"li@pc2"],'),
      GOLDEN.replace(/"m":\[.*\]/, `"m":[${many}]`),
    ]) {
      expect(readGroupStateExtra(Buffer.from(bad, 'utf8')), bad).toBeUndefined();
    }
  });

  it('fetch a group by its id only', () => {
    expect(groupFetchExtra(ID)).toEqual(Buffer.from(ID, 'latin1'));
    expect(readGroupFetchExtra(Buffer.from(`${ID}\0`, 'latin1'))).toBe(ID);
    expect(readGroupFetchExtra(Buffer.from('group:pigeon:x', 'latin1'))).toBeUndefined();
  });

  it('tag a group message after its text, where other clients never look', () => {
    const digest = groupDigest(created);
    expect(digest).toMatch(/^[0-9a-f]{16}$/);
    const trailer = groupTrailer({ groupId: ID, digest });
    expect(trailer.toString('latin1')).toBe(`PIGEONGROUP:${ID}:${digest}\0`);
    expect(trailer.length).toBe(GROUP_TRAILER_BYTES);
    const extra = Buffer.concat([Buffer.from('你好\0', 'utf8'), trailer]);
    expect(readGroupTrailer(extra)).toEqual({ groupId: ID, digest });
    expect(readGroupTrailer(Buffer.from('PIGEONGROUP:x'))).toBeUndefined();
    expect(readGroupTrailer(Buffer.from(`hi\0PIGEONGROUP:${ID}:zz\0`))).toBeUndefined();
  });

  it('digest equal states equally, and different states differently', () => {
    const again = newGroupState(ID, { id: 'wang@pc1', nickname: '小王' }, '项目组', [
      { id: 'li@pc2', nickname: '李四' },
    ]);
    expect(groupDigest(again)).toBe(groupDigest(created));
    const renamed = applyChange(created, 'wang@pc1', { kind: 'rename', name: '项目二组' });
    expect(groupDigest(renamed)).not.toBe(groupDigest(created));
  });
});
