import type { Database } from 'better-sqlite3';

/**
 * Sealed messages: the receiver must open them, and the sender learns when.
 * - `sealed`: 1 for a sealed message (either direction);
 * - `read_check`: incoming only, 1 when the sender asked to be told it was opened
 *   (READCHECKOPT), so the READMSG after opening carries that flag and is retried;
 * - `read_at`: when it was opened (out: the peer opened it; in: we did), else NULL.
 * Older rows are plain messages: 0, 0, NULL.
 */
export const version = 5;

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE messages ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0 CHECK (sealed IN (0, 1));
    ALTER TABLE messages ADD COLUMN read_check INTEGER NOT NULL DEFAULT 0 CHECK (read_check IN (0, 1));
    ALTER TABLE messages ADD COLUMN read_at INTEGER;
  `);
}
