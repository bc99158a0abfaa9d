import { describe, expect, it } from 'vitest';
import { type PigeonDatabase } from '../../../../src-main/core/store/database';
import {
  formatChatLog,
  parseExportedJson,
  toExportJson,
} from '../../../../src-main/core/store/export';
import { latestVersion } from '../../../../src-main/core/store/migrate';
import { migrations } from '../../../../src-main/core/store/migrations/index';
import { MessagesRepo } from '../../../../src-main/core/store/messages-repo';
import { columnNames, message, openTestDatabase, tempFile } from './helpers';

const open = openTestDatabase;

/** A row as a version-3 file holds it: no columns of later versions. */
function insertOld(db: PigeonDatabase, id: string, text: string, direction: 'in' | 'out') {
  db.sqlite
    .prepare(
      `INSERT INTO messages (id, conversation_id, peer_id, direction, text, state, at, packet_no)
       VALUES (?, 'bob@pc', 'bob@pc', ?, ?, ?, 1790000000000, 42)`,
    )
    .run(id, direction, text, direction === 'in' ? 'received' : 'delivered');
}

describe('migration 5: sealed messages', () => {
  it('adds sealed, read_check and read_at to an empty file', () => {
    const db = open(tempFile());
    expect(db.version).toBe(latestVersion(migrations));
    expect(columnNames(db, 'messages')).toEqual(
      expect.arrayContaining(['sealed', 'read_check', 'read_at']),
    );
  });

  it.each([3, 4])('upgrades a version-%i file: old messages stay plain and searchable', (from) => {
    const file = tempFile();
    const old = open(file, { migrations: migrations.slice(0, from) });
    expect(old.version).toBe(from);
    expect(columnNames(old, 'messages')).not.toContain('sealed');
    insertOld(old, 'old-in', 'quarterly numbers', 'in');
    insertOld(old, 'old-out', 'thanks, got them', 'out');
    old.close();

    const db = open(file);
    expect(db.openedAtVersion).toBe(from);
    expect(db.version).toBe(latestVersion(migrations));
    const repo = new MessagesRepo(db);
    const [first, second] = repo.list('bob@pc');
    expect(first).toMatchObject({ id: 'old-in', text: 'quarterly numbers' });
    expect(first?.sealed).toBeUndefined();
    expect(first?.readAt).toBeUndefined();
    expect(second?.sealed).toBeUndefined();
    expect(repo.search('quarterly').map((hit) => hit.message.id)).toEqual(['old-in']);
    // The old rows cannot be "read" by a READMSG: they were never sealed.
    expect(repo.sealed.readByPeer('bob@pc', 42, 1)).toBeUndefined();
  });
});

describe('sealed messages in the store', () => {
  const fresh = () => new MessagesRepo(open(':memory:'));

  it('keeps an unopened incoming text out of lists, search and the chat log, until opened', () => {
    const repo = fresh();
    const sealed = message({
      id: 's1',
      conversationId: 'bob@pc',
      text: 'salary list',
      sealed: true,
    });
    repo.add(sealed, { peerId: 'bob@pc', packetNo: 500, readCheck: true });
    repo.add(message({ id: 'p1', conversationId: 'bob@pc', text: 'salary meeting at 3' }));

    expect(repo.get('s1')).toMatchObject({ text: '', sealed: true });
    expect(repo.list('bob@pc').map((m) => m.text)).toEqual(['', 'salary meeting at 3']);
    expect(repo.search('salary').map((hit) => hit.message.id)).toEqual(['p1']);
    expect(repo.search('sa').map((hit) => hit.message.id)).toEqual(['p1']); // the scan path too
    const log = formatChatLog(repo.iterate('bob@pc'), {
      names: { self: 'me', peer: 'Bob' },
      timeZone: 'UTC',
    });
    expect(log).toContain('Bob: [sealed]');
    expect(log).not.toContain('salary list');

    // Writing the blank DTO back (a state change) must not lose the text.
    repo.update({ ...repo.get('s1')!, error: 'touched' });
    expect(repo.sealed.receiptOf('s1')).toEqual({
      peerId: 'bob@pc',
      packetNo: 500,
      readCheck: true,
    });

    const first = repo.sealed.open('s1', 1_790_000_000_500);
    expect(first).toEqual({
      opened: true,
      message: expect.objectContaining({ text: 'salary list', readAt: 1_790_000_000_500 }),
    });
    expect(repo.sealed.open('s1', 1_790_000_009_999)).toEqual({
      opened: false,
      message: expect.objectContaining({ readAt: 1_790_000_000_500 }),
    });
    expect(repo.search('salary').map((hit) => hit.message.id)).toEqual(['p1', 's1']);
    expect(repo.sealed.open('p1', 1)).toBeUndefined();
    expect(repo.sealed.open('missing', 1)).toBeUndefined();
  });

  it('marks an outgoing sealed message read by its peer and packet number, once', () => {
    const repo = fresh();
    const out = message({
      id: 'o1',
      conversationId: 'bob@pc',
      direction: 'out',
      state: 'delivered',
      text: 'the code is 4711',
      sealed: true,
    });
    repo.add(out, { peerId: 'bob@pc', packetNo: 900 });
    // Our own sealed text is always ours to read.
    expect(repo.get('o1')).toMatchObject({ text: 'the code is 4711', sealed: true });
    expect(repo.sealed.readByPeer('eve@x', 900, 5)).toBeUndefined();
    expect(repo.sealed.readByPeer('bob@pc', 901, 5)).toBeUndefined();
    expect(repo.sealed.readByPeer('bob@pc', 900, 5)).toMatchObject({ id: 'o1', readAt: 5 });
    expect(repo.sealed.readByPeer('bob@pc', 900, 6)).toBeUndefined();
    expect(repo.get('o1')?.readAt).toBe(5);
    // A later state change keeps the read time.
    repo.update({ ...repo.get('o1')!, state: 'delivered' });
    expect(repo.get('o1')?.readAt).toBe(5);
    // The receipt is for messages we received only.
    expect(repo.sealed.receiptOf('o1')).toBeUndefined();
  });

  it('marks a resent sealed message read when the peer opened the copy sent before', () => {
    const db = open(':memory:');
    const repo = new MessagesRepo(db);
    const out = message({
      id: 'o2',
      conversationId: 'bob@pc',
      direction: 'out',
      state: 'failed',
      text: 'door code 1234',
      sealed: true,
    });
    repo.add(out, { peerId: 'bob@pc', packetNo: 900 });
    // "Resend" gives it a fresh number; the first send had arrived after all.
    repo.update({ ...out, state: 'sending' }, { packetNo: 950 });
    repo.update({ ...out, state: 'delivered' });
    expect(repo.sealed.readByPeer('eve@x', 900, 5)).toBeUndefined();
    expect(repo.sealed.readByPeer('bob@pc', 900, 5)).toMatchObject({ id: 'o2', readAt: 5 });
    expect(repo.sealed.readByPeer('bob@pc', 950, 6)).toBeUndefined(); // read once
    expect(repo.get('o2')?.readAt).toBe(5);

    // Only sealed messages keep their earlier numbers; a plain one renumbered keeps none.
    const plain = message({ id: 'p2', conversationId: 'bob@pc', direction: 'out', text: 'hi' });
    repo.add(plain, { peerId: 'bob@pc', packetNo: 960 });
    repo.update(plain, { packetNo: 970 });
    const kept = db.sqlite.prepare('SELECT message_id FROM earlier_sealed_packets').all();
    expect(kept).toEqual([{ message_id: 'o2' }]);
  });

  it('exports and reads back sealed and readAt in JSON', () => {
    const repo = fresh();
    repo.add(message({ id: 'j1', direction: 'out', state: 'delivered', sealed: true, readAt: 9 }));
    const back = parseExportedJson(toExportJson(repo.iterate('alice@pc1')));
    expect(back).toEqual([expect.objectContaining({ id: 'j1', sealed: true, readAt: 9 })]);
  });
});
