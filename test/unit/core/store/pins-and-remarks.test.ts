import { describe, expect, it } from 'vitest';
import { ConversationsRepo } from '../../../../src-main/core/store/conversations-repo';
import { MessagesRepo } from '../../../../src-main/core/store/messages-repo';
import { migrations } from '../../../../src-main/core/store/migrations/index';
import { RemarksRepo } from '../../../../src-main/core/store/remarks-repo';
import { columnNames, message, openTestDatabase as open, tableNames, tempFile } from './helpers';

describe('migration 10: pinned conversations and remark names', () => {
  it('upgrades a version-7 file: its conversations start unpinned, no remarks', () => {
    const file = tempFile();
    const v7 = open(file, { migrations: migrations.slice(0, 7) });
    expect(columnNames(v7, 'conversations')).not.toContain('pinned');
    v7.sqlite
      .prepare("INSERT INTO conversations (id, peer_id) VALUES ('ben@box', 'ben@box')")
      .run();
    v7.close();

    const db = open(file);
    expect(db.openedAtVersion).toBe(7);
    expect(tableNames(db)).toContain('peer_remarks');
    expect(new ConversationsRepo(db).get('ben@box')).toEqual({
      id: 'ben@box',
      peerId: 'ben@box',
      unread: 0,
    });
    expect(new RemarksRepo(db).all()).toEqual([]);
  });

  it('keeps a pin across a restart, and unpinning takes it away', () => {
    const file = tempFile();
    const first = open(file);
    const conversations = new ConversationsRepo(first);
    new MessagesRepo(first).add(message({ id: 'hi', conversationId: 'ben@box' }));
    expect(conversations.setPinned('ben@box', true)).toMatchObject({ id: 'ben@box', pinned: true });
    // A conversation not started yet is started by pinning it.
    expect(conversations.setPinned('amy@pc', true).pinned).toBe(true);
    first.close();

    const again = new ConversationsRepo(open(file));
    expect(again.all().map((c) => [c.id, c.pinned])).toEqual([
      ['ben@box', true],
      ['amy@pc', true],
    ]);
    expect(again.setPinned('ben@box', false).pinned).toBeUndefined();
    // A new message keeps the pin.
    expect(again.markRead('amy@pc').pinned).toBe(true);
  });

  it('sets, replaces and removes a remark, kept across a restart', () => {
    const file = tempFile();
    const first = open(file);
    const remarks = new RemarksRepo(first);
    remarks.set('ben@box', 'Ben (accounts)');
    remarks.set('amy@pc', '小艾');
    remarks.set('ben@box', 'Ben from accounts');
    first.close();

    const again = new RemarksRepo(open(file));
    expect(again.all()).toEqual([
      { peerId: 'ben@box', remark: 'Ben from accounts' },
      { peerId: 'amy@pc', remark: '小艾' },
    ]);
    expect(again.set('amy@pc', '')).toEqual({ peerId: 'amy@pc', remark: '' });
    expect(again.all()).toEqual([{ peerId: 'ben@box', remark: 'Ben from accounts' }]);
  });
});
