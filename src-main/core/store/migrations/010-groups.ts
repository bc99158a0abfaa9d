import type { Database } from 'better-sqlite3';

/**
 * Group conversations (群聊). A group's id is its conversation's id (`group:…`);
 * members are peer ids as a JSON array, since they are always read and written whole.
 * `clock` orders membership changes of Pigeon groups (the higher one wins).
 * Messages of a group keep their author in `messages.peer_id`, as before.
 */
export const version = 10;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE groups (
      id TEXT PRIMARY KEY NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('pigeon', 'feiq', 'iptux', 'broadcast')),
      name TEXT NOT NULL,
      members TEXT NOT NULL DEFAULT '[]',
      creator TEXT,
      muted INTEGER NOT NULL DEFAULT 0 CHECK (muted IN (0, 1)),
      clock INTEGER NOT NULL DEFAULT 0
    ) STRICT;
  `);
}
