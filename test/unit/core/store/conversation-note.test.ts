import { afterEach, describe, expect, it } from 'vitest';
import { ConversationsRepo } from '../../../../src-main/core/store/conversations-repo';
import { openDatabase, type PigeonDatabase } from '../../../../src-main/core/store/database';
import { MessagesRepo } from '../../../../src-main/core/store/messages-repo';
import { countStatements, message } from './helpers';

const opened: PigeonDatabase[] = [];
function open() {
  const db = openDatabase(':memory:');
  opened.push(db);
  return { db, messages: new MessagesRepo(db), conversations: new ConversationsRepo(db) };
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** Counts the reads (SELECT statements) the repositories ask for. */
const countSelects = (db: PigeonDatabase) =>
  countStatements(db, (sql) => /^\s*SELECT\b/i.test(sql));

describe('noting a new message in its conversation', () => {
  it('returns what a fresh read of the conversation returns', () => {
    const { messages, conversations } = open();
    const steps = [
      message({ id: 'a', conversationId: 'bob@pc2', at: 1000 }),
      message({ id: 'b', conversationId: 'bob@pc2', direction: 'out', at: 2000 }),
      message({ id: 'c', conversationId: 'bob@pc2', at: 3000, sealed: true, text: 'secret' }),
      message({ id: 'd', conversationId: 'bob@pc2', at: 500 }), // an older clock: not the last
      message({ id: 'e', conversationId: 'carol@pc3', at: 4000, transferId: 't1' }),
    ];
    for (const step of steps) {
      messages.add(step);
      const noted = conversations.noteMessage(step, true);
      expect(noted).toEqual(conversations.get(step.conversationId));
    }
    expect(conversations.get('bob@pc2')).toMatchObject({ unread: 3, lastMessage: { id: 'c' } });
    expect(conversations.get('bob@pc2')?.lastMessage?.text).toBe('');
  });

  it('reads nothing back after the write when the message is the newest', () => {
    const { db, messages, conversations } = open();
    messages.add(message({ id: 'a', conversationId: 'bob@pc2', at: 1000 }));
    conversations.noteMessage(message({ id: 'a', conversationId: 'bob@pc2', at: 1000 }), true);
    const selects = countSelects(db);
    const next = message({ id: 'b', conversationId: 'bob@pc2', at: 2000 });
    messages.add(next);
    conversations.noteMessage(next, true);
    expect(selects()).toBe(0);
  });
});

describe('noting a message that changed state', () => {
  it('returns what a fresh read returns when it is the last message, and reads nothing back', () => {
    const { db, messages, conversations } = open();
    const first = message({ id: 'a', conversationId: 'bob@pc2', direction: 'out', at: 1000 });
    const last = message({ id: 'b', conversationId: 'bob@pc2', direction: 'out', at: 2000 });
    for (const m of [first, last]) {
      messages.add(m);
      conversations.noteMessage(m, true);
    }
    conversations.setPinned('bob@pc2', true);
    const selects = countSelects(db);
    const delivered = { ...messages.get('b')!, state: 'delivered' as const };
    messages.update(delivered);
    const selectsBefore = selects();
    const noted = conversations.noteStateChange(delivered);
    expect(selects()).toBe(selectsBefore);
    expect(noted).toEqual(conversations.get('bob@pc2'));
    // Not the last message: the conversation did not change, and says so.
    const before = conversations.get('bob@pc2');
    const older = { ...messages.get('a')!, state: 'delivered' as const };
    messages.update(older);
    expect(conversations.noteStateChange(older)).toBeUndefined();
    expect(conversations.get('bob@pc2')).toEqual(before);
  });
});

describe('a pinned conversation', () => {
  it('stays pinned in what noting a new message returns', () => {
    const { messages, conversations } = open();
    const first = message({ id: 'a', conversationId: 'bob@pc2', at: 1000 });
    messages.add(first);
    conversations.noteMessage(first, true);
    conversations.setPinned('bob@pc2', true);
    const next = message({ id: 'b', conversationId: 'bob@pc2', at: 2000 });
    messages.add(next);
    const noted = conversations.noteMessage(next, true);
    expect(noted.pinned).toBe(true);
    expect(noted).toEqual(conversations.get('bob@pc2'));
  });
});
