import type { Database } from 'better-sqlite3';

/**
 * File and folder transfers: one row per offer, seen from our side (an offer we made or
 * one we received). The items (names, sizes, ids on the wire, local paths, checksums)
 * travel together as JSON: they are read and written with their transfer, never queried.
 * A message that carries an offer points at its transfer.
 */
export const version = 4;

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE messages ADD COLUMN transfer_id TEXT;

    CREATE TABLE transfers (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      conversation_id TEXT NOT NULL,
      message_id TEXT NOT NULL,
      peer_id TEXT NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
      packet_no INTEGER NOT NULL,
      state TEXT NOT NULL,
      image INTEGER NOT NULL DEFAULT 0,
      utf8 INTEGER NOT NULL DEFAULT 0,
      total_bytes INTEGER NOT NULL DEFAULT 0,
      bytes_done INTEGER NOT NULL DEFAULT 0,
      directory TEXT,
      error TEXT,
      retryable INTEGER NOT NULL DEFAULT 0,
      at INTEGER NOT NULL,
      items TEXT NOT NULL
    ) STRICT;
    -- A conversation's newest transfers: one index seek.
    CREATE INDEX transfers_by_conversation ON transfers (conversation_id, seq);
    -- RELEASEFILES and repeated offers name a transfer by its peer and packet number.
    CREATE INDEX transfers_by_packet ON transfers (peer_id, packet_no);
    -- Transfers a previous run left unfinished are found at start without a scan.
    CREATE INDEX transfers_unfinished ON transfers (state) WHERE state IN ('offered', 'active');
  `);
}
