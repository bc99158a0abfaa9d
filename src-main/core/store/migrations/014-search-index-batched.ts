import type { Database } from 'better-sqlite3';

/**
 * New messages are indexed for search in batches (SearchIndex), not by a trigger on
 * every insert: the trigram index of a message costs more than storing it, and that
 * work sat between a message's arrival and its acknowledgement.
 *
 * `search_index.indexed_through` is the highest seq the index holds; every stored
 * message above it waits to be indexed. Deleting or editing a message touches the index
 * only when it was indexed. A delete also lowers the mark to the newest seq left, since
 * SQLite may give the next message a seq at or below the old mark (seq has no
 * AUTOINCREMENT): every message above the mark is then still one to index.
 */
export const version = 14;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE search_index (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      indexed_through INTEGER NOT NULL
    );
    INSERT INTO search_index (id, indexed_through)
      VALUES (1, coalesce((SELECT max(seq) FROM messages), 0));

    DROP TRIGGER messages_fts_insert;
    DROP TRIGGER messages_fts_delete;
    DROP TRIGGER messages_fts_update;

    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text)
        SELECT 'delete', old.seq, old.text
        WHERE old.seq <= (SELECT indexed_through FROM search_index WHERE id = 1);
      UPDATE search_index SET indexed_through = min(
        indexed_through, coalesce((SELECT max(seq) FROM messages), 0)) WHERE id = 1;
    END;

    -- State changes (sending → delivered) do not touch the index; only new text does.
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages
    WHEN old.text IS NOT new.text
      AND old.seq <= (SELECT indexed_through FROM search_index WHERE id = 1) BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.seq, old.text);
      INSERT INTO messages_fts (rowid, text) VALUES (new.seq, new.text);
    END;
  `);
}
