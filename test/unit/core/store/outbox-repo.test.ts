import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type PigeonDatabase } from '../../../../src-main/core/store/database';
import { MessagesRepo } from '../../../../src-main/core/store/messages-repo';
import { OutboxRepo } from '../../../../src-main/core/store/outbox-repo';
import { StoreError } from '../../../../src-main/core/store/store-error';
import { countStatements, message, tempFile } from './helpers';

const opened: PigeonDatabase[] = [];
function open(file: string | ':memory:' = ':memory:') {
  const db = openDatabase(file);
  opened.push(db);
  let clock = 1000;
  return { db, messages: new MessagesRepo(db), outbox: new OutboxRepo(db, () => (clock += 1)) };
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const queued = (conversationId: string, text: string) =>
  message({ conversationId, direction: 'out', state: 'sending', text });

describe('OutboxRepo', () => {
  it('gives back what waits for a peer in the order it was written', () => {
    const { messages, outbox } = open();
    const toBob = [queued('bob@pc2', 'one'), queued('bob@pc2', 'two'), queued('bob@pc2', 'three')];
    const toCarol = queued('carol@pc3', 'hi');
    for (const m of [toBob[0]!, toCarol, toBob[1]!, toBob[2]!]) {
      messages.add(m);
      expect(outbox.enqueue(m.id, m.conversationId)).toBe(true);
    }
    expect(outbox.forPeer('bob@pc2').map((e) => e.message.text)).toEqual(['one', 'two', 'three']);
    expect(outbox.forPeer('carol@pc3')).toEqual([
      { messageId: toCarol.id, peerId: 'carol@pc3', queuedAt: 1002, message: toCarol },
    ]);
    expect(outbox.all().map((e) => e.message.text)).toEqual(['one', 'hi', 'two', 'three']);
    expect(outbox.peers()).toEqual(['bob@pc2', 'carol@pc3']);
    expect(outbox.forPeer('nobody@pc')).toEqual([]);
  });

  it('keeps the first place of a message queued twice', () => {
    const { messages, outbox } = open();
    const [a, b] = [queued('bob@pc2', 'a'), queued('bob@pc2', 'b')];
    messages.add(a);
    messages.add(b);
    outbox.enqueue(a.id, 'bob@pc2');
    outbox.enqueue(b.id, 'bob@pc2');
    expect(outbox.enqueue(a.id, 'bob@pc2')).toBe(false);
    expect(outbox.forPeer('bob@pc2').map((e) => e.messageId)).toEqual([a.id, b.id]);
  });

  it('takes a message out when sent or cancelled', () => {
    const { messages, outbox } = open();
    const [a, b] = [queued('bob@pc2', 'a'), queued('bob@pc2', 'b')];
    messages.add(a);
    messages.add(b);
    outbox.enqueue(a.id, 'bob@pc2');
    outbox.enqueue(b.id, 'bob@pc2');
    expect(outbox.remove(a.id)).toBe(true);
    expect(outbox.remove(a.id)).toBe(false);
    expect(outbox.forPeer('bob@pc2').map((e) => e.messageId)).toEqual([b.id]);
    // The message itself stays in the history.
    expect(messages.get(a.id)).toEqual(a);
  });

  it('gives back what waits in the order it was written, whatever order it was queued in', () => {
    const { messages, outbox } = open();
    const written = [queued('bob@pc2', 'first'), queued('bob@pc2', 'second')];
    for (const m of written) messages.add(m);
    // The second was given up on first; the first, still in flight, was taken back after it.
    outbox.enqueue(written[1]!.id, 'bob@pc2');
    outbox.enqueue(written[0]!.id, 'bob@pc2');
    expect(outbox.forPeer('bob@pc2').map((e) => e.message.text)).toEqual(['first', 'second']);
    expect(outbox.all().map((e) => e.message.text)).toEqual(['first', 'second']);
  });

  it('refuses to queue a message that is not stored', () => {
    const { outbox } = open();
    expect(() => outbox.enqueue('ghost', 'bob@pc2')).toThrow(StoreError);
    expect(outbox.all()).toEqual([]);
  });

  it('forgets the entry if its message is deleted', () => {
    const { db, messages, outbox } = open();
    const m = queued('bob@pc2', 'gone');
    messages.add(m);
    outbox.enqueue(m.id, 'bob@pc2');
    db.sqlite.prepare('DELETE FROM messages WHERE id = ?').run(m.id);
    expect(outbox.all()).toEqual([]);
  });

  it('survives a restart, order and all', () => {
    const file = tempFile();
    const first = open(file);
    const written = ['早', 'are you there?', '文件在这里'].map((text) => queued('bob@pc2', text));
    for (const m of written) {
      first.messages.add(m);
      first.outbox.enqueue(m.id, 'bob@pc2');
    }
    first.outbox.remove(written[1]!.id);
    opened.pop()!.close();
    const again = open(file);
    expect(again.outbox.forPeer('bob@pc2').map((e) => e.message)).toEqual([written[0], written[2]]);
  });

  it('asks the history once while nothing waits, and again once something is queued', () => {
    const { db, messages, outbox } = open();
    const reads = countStatements(db, (sql) => sql.includes('FROM outbox o'));
    expect(outbox.forPeer('bob@pc2')).toEqual([]);
    expect(outbox.forPeer('bob@pc2')).toEqual([]);
    expect(reads()).toBe(1);
    const m = queued('bob@pc2', 'later');
    messages.add(m);
    outbox.enqueue(m.id, 'bob@pc2');
    expect(outbox.forPeer('bob@pc2').map((e) => e.messageId)).toEqual([m.id]);
    expect(reads()).toBe(2);
  });

  it('does not take an empty read inside a transaction for the truth', () => {
    const { messages, outbox } = open();
    const m = queued('bob@pc2', 'kept');
    messages.add(m);
    outbox.enqueue(m.id, 'bob@pc2');
    expect(() =>
      messages.atomically(() => {
        outbox.remove(m.id);
        expect(outbox.forPeer('bob@pc2')).toEqual([]);
        throw new Error('undone');
      }),
    ).toThrow('undone');
    expect(outbox.forPeer('bob@pc2').map((e) => e.messageId)).toEqual([m.id]);
  });
});
