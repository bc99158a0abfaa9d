import type { Database } from 'better-sqlite3';

/**
 * What the user says about their own lists: a pinned conversation stays at the top of
 * Chats, and a remark (备注) is the name the user gives a contact. Remarks get their
 * own table, not a column of `peers`: discovery rewrites and evicts peer rows, and a
 * remark must outlive that.
 */
export const version = 9;

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
    CREATE TABLE peer_remarks (
      peer_id TEXT PRIMARY KEY NOT NULL,
      remark TEXT NOT NULL
    ) STRICT;
  `);
}
