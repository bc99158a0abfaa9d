import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationDTO, MessageDTO } from '../../../../src-shared/contract';
import { ConversationBook } from './support/conversation-book-model';
import { ConversationsRepo } from '../../../../src-main/core/store/conversations-repo';
import { openDatabase, type PigeonDatabase } from '../../../../src-main/core/store/database';
import { MessagesRepo } from '../../../../src-main/core/store/messages-repo';
import { countStatements, message, tempFile } from './helpers';

const opened: PigeonDatabase[] = [];
function open(file: string | ':memory:' = ':memory:') {
  const db = openDatabase(file);
  opened.push(db);
  return { db, messages: new MessagesRepo(db), conversations: new ConversationsRepo(db) };
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('ConversationsRepo', () => {
  it('behaves as ConversationBook does, step by step', () => {
    const book = new ConversationBook();
    const { messages, conversations } = open();
    const both = <T>(work: (target: ConversationBook | ConversationsRepo) => T): [T, T] => [
      work(book),
      work(conversations),
    ];
    const note = (m: MessageDTO, isNew: boolean) => {
      if (isNew) messages.add(m);
      else messages.update(m);
      return both((target) => target.noteMessage(m, isNew));
    };
    const same = ([expected, actual]: [unknown, unknown]) => expect(actual).toEqual(expected);

    same(both((t) => t.ensure('alice@pc1')));
    same(both((t) => t.ensure('alice@pc1')));
    const hello = message({ conversationId: 'alice@pc1', at: 1000 });
    same(note(hello, true));
    const reply = message({
      conversationId: 'alice@pc1',
      direction: 'out',
      state: 'sending',
      at: 2000,
    });
    same(note(reply, true));
    same(note({ ...reply, state: 'delivered' }, false));
    // A late message with an older clock does not become the last one, but is unread.
    const late = message({ conversationId: 'alice@pc1', at: 1500 });
    same(note(late, true));
    // The same time as the last one does replace it.
    const tie = message({ conversationId: 'alice@pc1', at: 2000 });
    same(note(tie, true));
    // A message in a conversation never opened starts it.
    same(note(message({ conversationId: 'bob@pc2', at: 10 }), true));
    same(both((t) => t.markRead('alice@pc1')));
    same(both((t) => t.markRead('carol@pc3')));
    same(both((t) => t.get('alice@pc1')));
    same(both((t) => t.get('nobody')));
    same(both((t) => t.all()));
    expect(conversations.get('alice@pc1')).toMatchObject({
      unread: 0,
      lastMessage: { id: tie.id },
    });
    expect(conversations.get('bob@pc2')?.unread).toBe(1);
  });

  it('counts only new incoming messages as unread', () => {
    const { messages, conversations } = open();
    const incoming = message({ conversationId: 'bob@pc2' });
    messages.add(incoming);
    conversations.noteMessage(incoming, true);
    conversations.noteMessage(incoming, false);
    const outgoing = message({ conversationId: 'bob@pc2', direction: 'out', state: 'sending' });
    messages.add(outgoing);
    conversations.noteMessage(outgoing, true);
    expect(conversations.get('bob@pc2')?.unread).toBe(1);
  });

  it('shows the last message as it is stored now', () => {
    const { messages, conversations } = open();
    const sent = message({ conversationId: 'bob@pc2', direction: 'out', state: 'sending' });
    messages.add(sent);
    conversations.noteMessage(sent, true);
    messages.update({ ...sent, state: 'failed', error: 'No answer.' });
    expect(conversations.get('bob@pc2')?.lastMessage).toEqual({
      ...sent,
      state: 'failed',
      error: 'No answer.',
    });
  });

  it('keeps conversations, unread counts and last messages across a restart', () => {
    const file = tempFile();
    const first = open(file);
    const m = message({ conversationId: 'bob@pc2', text: '在吗' });
    first.messages.add(m);
    first.conversations.noteMessage(m, true);
    first.conversations.ensure('carol@pc3');
    const before: ConversationDTO[] = first.conversations.all();
    opened.pop()!.close();
    const again = open(file);
    expect(again.conversations.all()).toEqual(before);
    expect(before).toEqual([
      { id: 'bob@pc2', peerId: 'bob@pc2', unread: 1, lastMessage: m },
      { id: 'carol@pc3', peerId: 'carol@pc3', unread: 0 },
    ]);
  });

  it("names a conversation's peer, reading it once", () => {
    const { db, conversations } = open();
    conversations.ensure('bob@pc2');
    const reads = countStatements(db, (sql) => sql.includes('SELECT peer_id FROM conversations'));
    expect(conversations.peerOf('bob@pc2')).toBe('bob@pc2');
    expect(conversations.peerOf('bob@pc2')).toBe('bob@pc2');
    expect(reads()).toBe(1);
    // Not started yet: the peer of its id, asked again next time (it may start).
    expect(conversations.peerOf('carol@pc3')).toBe('carol@pc3');
    db.sqlite.prepare("INSERT INTO conversations (id, peer_id) VALUES ('c1', 'dave@pc4')").run();
    expect(conversations.peerOf('c1')).toBe('dave@pc4');
  });
});
