import type { Database } from 'better-sqlite3';

/**
 * A sealed message resent after "Failed" goes out under a new packet number, yet the
 * peer may have received the earlier send and open that one: its READMSG then names
 * the earlier number. This table keeps every earlier number of an outgoing sealed
 * message, filled by a trigger whenever `packet_no` changes, so no code path can forget.
 */
export const version = 7;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE earlier_sealed_packets (
      peer_id TEXT NOT NULL,
      packet_no INTEGER NOT NULL,
      message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
      PRIMARY KEY (peer_id, packet_no)
    ) WITHOUT ROWID;
    CREATE INDEX earlier_sealed_packets_by_message ON earlier_sealed_packets (message_id);
    CREATE TRIGGER keep_earlier_sealed_packet AFTER UPDATE OF packet_no ON messages
      WHEN OLD.direction = 'out' AND OLD.sealed = 1 AND OLD.packet_no IS NOT NULL
        AND OLD.peer_id IS NOT NULL AND NEW.packet_no IS NOT OLD.packet_no
    BEGIN
      INSERT OR IGNORE INTO earlier_sealed_packets (peer_id, packet_no, message_id)
        VALUES (OLD.peer_id, OLD.packet_no, OLD.id);
    END;
  `);
}
