import type { Database } from 'better-sqlite3';

/**
 * Each Pigeon's keys as first seen (trust on first use), whether the user compared
 * fingerprints, and a different key seen later that waits for the user's acceptance.
 * Its own table: discovery rewrites and evicts peer rows, a key must outlive that.
 */
export const version = 12;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE peer_keys (
      peer_id TEXT PRIMARY KEY NOT NULL,
      signing_key BLOB NOT NULL CHECK (length(signing_key) = 32),
      agreement_key BLOB NOT NULL CHECK (length(agreement_key) = 32),
      first_seen INTEGER NOT NULL,
      verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
      pending_signing_key BLOB CHECK (pending_signing_key IS NULL OR length(pending_signing_key) = 32),
      pending_agreement_key BLOB CHECK (pending_agreement_key IS NULL OR length(pending_agreement_key) = 32)
    ) STRICT;
  `);
}
