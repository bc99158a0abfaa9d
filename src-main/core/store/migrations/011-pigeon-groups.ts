import type { Database } from 'better-sqlite3';

/**
 * Pigeon groups (between Pigeons). `groups.state` keeps a Pigeon group's whole state as
 * its members exchange it (each field with the stamp that set it, JSON) so that copies can
 * be merged; the `members`, `name` and `clock` columns stay what the windows read.
 * `group_deliveries` is each member's copy of one of our group messages: sent, waiting for
 * the member to come back (with the packet number it keeps, so it never shows twice), or
 * confirmed, which is what "Delivered to 3 of 4" counts.
 */
export const version = 11;

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE groups ADD COLUMN state TEXT;
    CREATE TABLE group_deliveries (
      message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
      peer_id TEXT NOT NULL,
      packet_no INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('sending', 'queued', 'delivered', 'forwarded')),
      seq INTEGER PRIMARY KEY,
      UNIQUE (message_id, peer_id)
    ) STRICT;
    CREATE INDEX group_deliveries_waiting ON group_deliveries (peer_id) WHERE state = 'queued';
  `);
}
