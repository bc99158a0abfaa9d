import { describe, expect, it } from 'vitest';
import { ConversationsRepo } from '../../../../src-main/core/store/conversations-repo';
import { latestVersion } from '../../../../src-main/core/store/migrate';
import { migrations } from '../../../../src-main/core/store/migrations/index';
import { MessagesRepo } from '../../../../src-main/core/store/messages-repo';
import { TransfersRepo } from '../../../../src-main/core/store/transfers-repo';
import type {
  TransferItemRecord,
  TransferRecord,
} from '../../../../src-main/core/store/records/transfer-record';
import { columnNames, message, openTestDatabase, tableNames, tempFile } from './helpers';

const open = openTestDatabase;

let counter = 0;
function transfer(fields: Partial<TransferRecord> = {}): TransferRecord {
  counter += 1;
  return {
    id: `t-${counter}`,
    conversationId: 'ben@box',
    messageId: `m-${counter}`,
    peerId: 'ben@box',
    direction: 'in',
    packetNo: 1000 + counter,
    items: [
      { name: 'report.pdf', size: 10, kind: 'file', fileId: 7, mtime: 1, sha256: 'a'.repeat(64) },
      { name: 'album', size: 0, kind: 'directory', fileId: 8, mtime: 2, contentBytes: 99 },
    ],
    state: 'offered',
    image: false,
    utf8: true,
    totalBytes: 109,
    bytesDone: 0,
    bytesPerSecond: 0,
    retryable: false,
    at: 1_790_000_000_000 + counter,
    ...fields,
  };
}

describe('migration 4: transfers', () => {
  it('creates the transfers table and the messages.transfer_id column on an empty file', () => {
    const db = open(tempFile());
    expect(db.version).toBe(latestVersion(migrations));
    expect(tableNames(db)).toContain('transfers');
    expect(columnNames(db, 'messages')).toContain('transfer_id');
  });

  it('upgrades a version-3 file: old messages have no transfer, new ones keep theirs', () => {
    const file = tempFile();
    const v3 = open(file, { migrations: migrations.slice(0, 3) });
    expect(v3.version).toBe(3);
    expect(tableNames(v3)).not.toContain('transfers');
    v3.sqlite
      .prepare(
        `INSERT INTO messages (id, conversation_id, peer_id, direction, text, state, at)
         VALUES ('old', 'ben@box', 'ben@box', 'in', 'before files', 'received', 1)`,
      )
      .run();
    v3.close();

    const db = open(file);
    expect(db.openedAtVersion).toBe(3);
    const messages = new MessagesRepo(db);
    const old = messages.get('old');
    expect(old?.text).toBe('before files');
    expect(old?.transferId).toBeUndefined();

    messages.add(message({ id: 'offer', conversationId: 'ben@box', text: '', transferId: 't-x' }));
    expect(messages.get('offer')).toMatchObject({ text: '', transferId: 't-x' });
    expect(messages.list('ben@box').map((m) => m.transferId)).toEqual([undefined, 't-x']);
    // An update that does not name a transfer keeps the one stored.
    messages.update({ ...messages.get('offer')!, transferId: undefined, state: 'failed' });
    expect(messages.get('offer')?.transferId).toBe('t-x');
    // The conversation's last message carries it too.
    const conversation = new ConversationsRepo(db).noteMessage(messages.get('offer')!, true);
    expect(conversation.lastMessage?.transferId).toBe('t-x');

    const transfers = new TransfersRepo(db);
    transfers.add(transfer({ id: 'after-upgrade' }));
    expect(transfers.get('after-upgrade')?.items).toHaveLength(2);
  });
});

describe('TransfersRepo', () => {
  it('stores a transfer with its items and reads back the same record', () => {
    const repo = new TransfersRepo(open(':memory:'));
    const record = transfer({ directory: '/home/ben/Downloads', error: 'x' });
    repo.add(record);
    expect(repo.get(record.id)).toEqual(record);
    expect(repo.get('missing')).toBeUndefined();
  });

  it("keeps a sealed item's sender check, and never a local file's stamp", () => {
    const repo = new TransfersRepo(open(':memory:'));
    const [file, folder] = transfer().items as [TransferItemRecord, TransferItemRecord];
    const incoming = transfer({
      items: [{ ...file, transferKey: 'k'.repeat(43), checkedBySender: true }, folder],
    });
    repo.add(incoming);
    expect(repo.get(incoming.id)).toEqual(incoming);
    const outgoing = transfer({ direction: 'out', items: [{ ...file, stamp: '1:2:3:4:5' }] });
    repo.add(outgoing);
    expect(repo.get(outgoing.id)?.items).toEqual([file]);
    expect(outgoing.items[0]?.stamp).toBe('1:2:3:4:5');
  });

  it('updates state, bytes, folder, error, packet number and items', () => {
    const repo = new TransfersRepo(open(':memory:'));
    const record = transfer();
    repo.add(record);
    const changed: TransferRecord = {
      ...record,
      state: 'failed',
      bytesDone: 50,
      packetNo: 4242,
      error: 'The connection broke off.',
      retryable: true,
      directory: '/tmp/in',
      items: [{ ...record.items[0]!, partial: '/tmp/in/report.pdf.pigeon-part' }],
    };
    repo.update(changed);
    expect(repo.get(record.id)).toEqual(changed);
  });

  it("lists a conversation's newest 500, oldest first, and no one else's", () => {
    const db = open(':memory:');
    const repo = new TransfersRepo(db);
    const ids: string[] = [];
    db.write(() => {
      for (let i = 0; i < 510; i++) {
        const record = transfer();
        ids.push(record.id);
        repo.add(record);
      }
      repo.add(transfer({ conversationId: 'cat@box', peerId: 'cat@box' }));
    });
    const listed = repo.list('ben@box');
    expect(listed).toHaveLength(500);
    expect(listed.map((t) => t.id)).toEqual(ids.slice(10));
    expect(repo.list('ben@box', 3).map((t) => t.id)).toEqual(ids.slice(-3));
    expect(repo.list('cat@box')).toHaveLength(1);
  });

  it('finds a transfer by peer, packet number and direction', () => {
    const repo = new TransfersRepo(open(':memory:'));
    repo.add(transfer({ id: 'in', packetNo: 77, direction: 'in' }));
    repo.add(transfer({ id: 'out', packetNo: 77, direction: 'out' }));
    expect(repo.findByPacket('ben@box', 77, 'in')?.id).toBe('in');
    expect(repo.findByPacket('ben@box', 77, 'out')?.id).toBe('out');
    expect(repo.findByPacket('cat@box', 77, 'in')).toBeUndefined();
    expect(repo.findByPacket('ben@box', 78, 'in')).toBeUndefined();
  });

  it('turns what a previous run left offered or active into failed, and nothing else', () => {
    const repo = new TransfersRepo(open(':memory:'));
    const states = ['offered', 'active', 'done', 'failed', 'cancelled', 'declined'] as const;
    for (const state of states) repo.add(transfer({ id: state, state }));
    const changed = repo.interruptUnfinished('Interrupted when Pigeon closed.');
    expect(changed.map((t) => t.id).sort()).toEqual(['active', 'offered']);
    for (const id of ['offered', 'active']) {
      expect(repo.get(id)).toMatchObject({
        state: 'failed',
        error: 'Interrupted when Pigeon closed.',
        retryable: true,
      });
    }
    for (const id of ['done', 'failed', 'cancelled', 'declined'])
      expect(repo.get(id)?.state).toBe(id);
    expect(repo.interruptUnfinished('again')).toEqual([]);
  });

  it('shows a row it cannot read as failed, in plain words, never retryable', () => {
    const db = open(':memory:');
    const repo = new TransfersRepo(db);
    repo.add(transfer({ id: 'bad-items', retryable: true }));
    repo.add(transfer({ id: 'bad-state' }));
    db.sqlite.prepare("UPDATE transfers SET items = '[{\"name\":1}]' WHERE id = 'bad-items'").run();
    db.sqlite.prepare("UPDATE transfers SET state = 'teleported' WHERE id = 'bad-state'").run();
    expect(repo.get('bad-items')).toMatchObject({
      state: 'failed',
      items: [],
      retryable: false,
      error: 'The stored list of files could not be read.',
    });
    expect(repo.get('bad-state')).toMatchObject({
      state: 'failed',
      error: 'Stored with an unknown state (teleported).',
    });
  });
});
