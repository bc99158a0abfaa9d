import type { Database } from 'better-sqlite3';

/**
 * Full-text search over message text. The trigram tokenizer indexes every run of
 * three characters, so any substring of 3+ characters is found (Chinese has no
 * spaces to split words on) and matching ignores case. The index holds no copy of
 * the text (external content); triggers keep it in step with `messages`, and
 * messages stored before this version are indexed here.
 */
export const version = 2;

export function up(db: Database): void {
  db.exec(`
    CREATE VIRTUAL TABLE messages_fts USING fts5(
      text,
      content = 'messages',
      content_rowid = 'seq',
      tokenize = 'trigram case_sensitive 0'
    );

    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
      INSERT INTO messages_fts (rowid, text) VALUES (new.seq, new.text);
    END;

    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.seq, old.text);
    END;

    -- State changes (sending → delivered) do not touch the index; only new text does.
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages
    WHEN old.text IS NOT new.text BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.seq, old.text);
      INSERT INTO messages_fts (rowid, text) VALUES (new.seq, new.text);
    END;

    INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
  `);
}
