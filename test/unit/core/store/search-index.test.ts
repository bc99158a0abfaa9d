import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MessagesRepo } from '../../../../src-main/core/store/messages-repo';
import { openStore } from '../../../../src-main/core/store';
import { message, openTestDatabase } from './helpers';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pigeon-search-index-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Rows the full-text index holds (what a search by the index can find). */
const indexed = (repo: { db: { sqlite: import('better-sqlite3').Database } }): number =>
  repo.db.sqlite.prepare('SELECT count(*) AS n FROM messages_fts_docsize').pluck().get() as number;

const found = (repo: MessagesRepo, query: string): string[] =>
  repo.search(query).map((hit) => hit.message.text);

const integrity = (db: { sqlite: import('better-sqlite3').Database }): void => {
  db.sqlite.prepare("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')").run();
};

describe('the search index, brought up to date in batches', () => {
  it('does not index a message as it is stored, yet a search right after finds it', () => {
    const db = openTestDatabase(':memory:');
    const repo = new MessagesRepo(db, { indexDelayMs: 60_000 });
    repo.add(message({ text: 'the quarterly report is ready' }));
    repo.add(message({ text: 'lunch at noon?' }));
    // Storing did no indexing (the old trigger indexed each insert here).
    expect(indexed({ db })).toBe(0);
    expect(found(repo, 'quarterly')).toEqual(['the quarterly report is ready']);
    expect(indexed({ db })).toBe(2);
    repo.searchIndex.stop();
  });

  it('indexes what gathered shortly after it was stored, in one go', async () => {
    const db = openTestDatabase(':memory:');
    const repo = new MessagesRepo(db, { indexDelayMs: 20 });
    for (let i = 0; i < 5; i += 1) repo.add(message({ text: `note number ${i}` }));
    expect(indexed({ db })).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(indexed({ db })).toBe(5);
    integrity(db);
  });

  it('indexes at start what a previous run stored but did not index', () => {
    const file = path.join(dir, 'restart.sqlite');
    const first = openStore(file, { indexDelayMs: 60_000 });
    first.messages.add(message({ text: 'stored just before the quit' }));
    first.close();
    const second = openStore(file);
    try {
      expect(indexed(second)).toBe(1);
      // Found through the index, not by reading messages: the word is 3+ characters.
      expect(found(second.messages, 'before the quit')).toEqual(['stored just before the quit']);
      integrity(second.db);
    } finally {
      second.close();
    }
  });

  it('keeps the index whole when a message not yet indexed is edited or deleted', () => {
    const db = openTestDatabase(':memory:');
    const repo = new MessagesRepo(db, { indexDelayMs: 60_000 });
    const [a, b, c] = ['alpha one', 'bravo two', 'charlie three'].map((text) => message({ text }));
    repo.add(a!);
    repo.searchIndex.catchUp();
    repo.add(b!);
    repo.add(c!);
    db.sqlite.prepare('DELETE FROM messages WHERE id = ?').run(b!.id);
    repo.update({ ...c!, text: 'charlie changed' });
    repo.update({ ...a!, text: 'alpha changed' });
    integrity(db);
    expect(found(repo, 'bravo')).toEqual([]);
    expect(found(repo, 'charlie')).toEqual(['charlie changed']);
    expect(found(repo, 'alpha')).toEqual(['alpha changed']);
    expect(found(repo, 'three')).toEqual([]);
    integrity(db);
    repo.searchIndex.stop();
  });

  it('indexes a message that takes the place of the newest one deleted', () => {
    const db = openTestDatabase(':memory:');
    const repo = new MessagesRepo(db, { indexDelayMs: 60_000 });
    const first = message({ text: 'first words' });
    const newest = message({ text: 'newest words' });
    repo.add(first);
    repo.add(newest);
    repo.searchIndex.catchUp();
    db.sqlite.prepare('DELETE FROM messages WHERE id = ?').run(newest.id);
    // SQLite hands the freed seq to the next message (no AUTOINCREMENT).
    repo.add(message({ text: 'replacement words' }));
    expect(found(repo, 'replacement')).toEqual(['replacement words']);
    expect(found(repo, 'newest')).toEqual([]);
    integrity(db);
    repo.searchIndex.stop();
  });
});
