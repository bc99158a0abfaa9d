import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src-main/core/store/database';
import { latestVersion } from '../../../../src-main/core/store/migrate';
import { migrations } from '../../../../src-main/core/store/migrations/index';
import { MessagesRepo } from '../../../../src-main/core/store/messages-repo';
import { StoreError } from '../../../../src-main/core/store/store-error';
import { message, openTestDatabase, tableNames, tempFile } from './helpers';

const open = openTestDatabase;

describe('openDatabase', () => {
  it('creates every table on an empty file, in WAL mode with the safety pragmas', () => {
    const file = tempFile();
    const db = open(file);
    expect(db.version).toBe(latestVersion(migrations));
    expect(db.openedAtVersion).toBe(0);
    expect(db.problem).toBeUndefined();
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(db.version);
    expect(tableNames(db)).toEqual(
      expect.arrayContaining(['conversations', 'messages', 'messages_fts', 'outbox', 'peers']),
    );
  });

  it('works in memory too', () => {
    const db = open(':memory:');
    expect(db.version).toBe(latestVersion(migrations));
    new MessagesRepo(db).add(message({ id: 'x' }));
    expect(new MessagesRepo(db).get('x')?.id).toBe('x');
  });

  it('keeps what was written across close and reopen, and migrates nothing twice', () => {
    const file = tempFile();
    const first = open(file);
    new MessagesRepo(first).add(message({ id: 'kept', text: '你好' }));
    first.close();
    const again = open(file);
    expect(again.openedAtVersion).toBe(again.version);
    expect(new MessagesRepo(again).get('kept')?.text).toBe('你好');
  });

  it('migrates a version-1 file: messages written before search existed become searchable', () => {
    const file = tempFile();
    const v1 = open(file, { migrations: migrations.slice(0, 1) });
    expect(v1.version).toBe(1);
    expect(tableNames(v1)).not.toContain('messages_fts');
    // Version 1 has no search triggers, so these rows exist only in `messages`. Written
    // as version 1 knew them: today's repository names columns added since.
    const insert = v1.sqlite.prepare(
      `INSERT INTO messages (id, conversation_id, peer_id, direction, text, state, at)
       VALUES (?, 'alice@pc1', 'alice@pc1', 'in', ?, 'received', 1790000000000)`,
    );
    insert.run('old-1', '项目进度 Meeting notes');
    insert.run('old-2', 'lunch?');
    v1.close();

    const current = open(file);
    expect(current.openedAtVersion).toBe(1);
    expect(current.version).toBe(latestVersion(migrations));
    const repo = new MessagesRepo(current);
    expect(repo.search('meeting').map((hit) => hit.message.id)).toEqual(['old-1']);
    expect(repo.search('项目进度').map((hit) => hit.message.id)).toEqual(['old-1']);
    // And the triggers now keep new messages in the index.
    repo.add(message({ id: 'new-1', text: 'another meeting' }));
    expect(repo.search('meeting').map((hit) => hit.message.id)).toEqual(['new-1', 'old-1']);
  });

  it('applies a failing migration not at all', () => {
    const file = tempFile();
    open(file, { migrations: migrations.slice(0, 1) }).close();
    const broken = [
      ...migrations,
      {
        version: migrations.length + 1,
        up(db: BetterSqlite3.Database) {
          db.exec('CREATE TABLE half_done (x INTEGER)');
          db.exec('THIS IS NOT SQL');
        },
      },
    ];
    expect(() => openDatabase(file, { migrations: broken })).toThrow(StoreError);
    const after = open(file, { migrations: migrations.slice(0, 1) });
    expect(after.version).toBe(1);
    expect(tableNames(after)).not.toContain('half_done');
    expect(tableNames(after)).not.toContain('messages_fts');
  });

  it('refuses migrations that are not numbered 1, 2, 3 …', () => {
    expect(() => latestVersion([migrations[1]!, migrations[0]!])).toThrow(/numbered/);
  });

  it('can be closed twice', () => {
    const db = openDatabase(tempFile());
    db.close();
    expect(() => db.close()).not.toThrow();
  });
});
