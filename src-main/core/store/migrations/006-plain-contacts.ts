import type { Database } from 'better-sqlite3';

/**
 * Plain UDP contacts: programs at host:port that speak bare text. Kept apart from
 * `peers`, whose rows are IPMsg peers that discovery greets at every start.
 * `local_port` is the port the user chose (0: any); `bound_port` the one last bound,
 * tried first at the next start so a program told where to answer still reaches us.
 */
export const version = 6;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE plain_contacts (
      id TEXT PRIMARY KEY NOT NULL,
      host TEXT NOT NULL,
      port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
      encoding TEXT NOT NULL,
      local_port INTEGER NOT NULL DEFAULT 0 CHECK (local_port BETWEEN 0 AND 65535),
      bound_port INTEGER NOT NULL DEFAULT 0 CHECK (bound_port BETWEEN 0 AND 65535),
      nickname TEXT NOT NULL DEFAULT '',
      added_at INTEGER NOT NULL,
      last_seen INTEGER NOT NULL DEFAULT 0
    ) STRICT;
  `);
}
