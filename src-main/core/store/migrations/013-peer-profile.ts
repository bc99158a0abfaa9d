import type { Database } from 'better-sqlite3';

/**
 * A remembered peer's personal signature and avatar (by hash): an offline contact shows
 * them after a restart as QQ does, instead of falling back to bare letters until the
 * peer is heard again.
 */
export const version = 13;

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE peers ADD COLUMN signature TEXT NOT NULL DEFAULT '';
    ALTER TABLE peers ADD COLUMN avatar TEXT;
  `);
}
