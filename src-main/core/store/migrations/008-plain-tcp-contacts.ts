import type { Database } from 'better-sqlite3';

/**
 * Plain contacts over TCP join those over UDP in `plain_contacts`. Every row kept so
 * far is a UDP contact, which the defaults say, so existing contacts keep working.
 * `connection` is how a TCP contact is reached: 'connect' (Pigeon connects to
 * host:port) or 'listen' (Pigeon waits on local_port; host is the program's address,
 * '' for any; port repeats local_port). `line_based`: end each message sent with a
 * newline and show what arrives line by line. `when_disconnected`: what happens to
 * text typed while no connection is up, 'queue' (sent on connect) or 'refuse'.
 */
export const version = 8;

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE plain_contacts ADD COLUMN protocol TEXT NOT NULL DEFAULT 'udp';
    ALTER TABLE plain_contacts ADD COLUMN connection TEXT NOT NULL DEFAULT 'connect';
    ALTER TABLE plain_contacts ADD COLUMN line_based INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE plain_contacts ADD COLUMN when_disconnected TEXT NOT NULL DEFAULT 'queue';
  `);
}
