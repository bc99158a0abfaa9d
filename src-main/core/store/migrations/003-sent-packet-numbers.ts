import type { Database } from 'better-sqlite3';

/**
 * The highest packet number Pigeon has sent is read at every start (new numbers
 * must begin above it). Without this index that read visits every message.
 */
export const version = 3;

export function up(db: Database): void {
  db.exec(`
    CREATE INDEX messages_sent_by_packet ON messages (packet_no)
      WHERE direction = 'out' AND packet_no IS NOT NULL;
  `);
}
