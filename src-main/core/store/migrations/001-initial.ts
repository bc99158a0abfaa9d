import type { Database } from 'better-sqlite3';

/** The tables: known peers, conversations, messages and the outbox. */
export const version = 1;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE peers (
      id TEXT PRIMARY KEY NOT NULL,
      user TEXT NOT NULL,
      host TEXT NOT NULL,
      nickname TEXT NOT NULL,
      group_name TEXT NOT NULL DEFAULT '',
      address TEXT NOT NULL,
      port INTEGER NOT NULL,
      client TEXT NOT NULL DEFAULT 'unknown',
      version TEXT NOT NULL DEFAULT '',
      capabilities INTEGER NOT NULL DEFAULT 0,
      last_seen INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE conversations (
      id TEXT PRIMARY KEY NOT NULL,
      peer_id TEXT NOT NULL,
      unread INTEGER NOT NULL DEFAULT 0 CHECK (unread >= 0),
      last_message_id TEXT
    ) STRICT;

    -- seq (the rowid) is the order messages were stored in: paging and "newest
    -- first" follow it, never the clock, which peers and users can set back.
    CREATE TABLE messages (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      conversation_id TEXT NOT NULL,
      peer_id TEXT NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
      text TEXT NOT NULL,
      state TEXT NOT NULL,
      at INTEGER NOT NULL,
      error TEXT,
      packet_no INTEGER
    ) STRICT;
    -- Latest page of a conversation, and the page before a cursor: one index seek.
    CREATE INDEX messages_by_conversation ON messages (conversation_id, seq);
    -- "Did this peer's packet already arrive?" after a restart lost the in-memory filter.
    CREATE INDEX messages_by_packet ON messages (peer_id, packet_no) WHERE packet_no IS NOT NULL;

    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY,
      message_id TEXT NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
      peer_id TEXT NOT NULL,
      queued_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX outbox_by_peer ON outbox (peer_id, seq);
  `);
}
