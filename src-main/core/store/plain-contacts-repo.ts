import type { PigeonDatabase } from './database';
import {
  isPlainConnection,
  isPlainProtocol,
  isPlainUdpEncoding,
  isPlainWhenDisconnected,
  type SavedPlainContact,
} from './records/plain-contact-record';

interface PlainContactRow {
  id: string;
  host: string;
  port: number;
  encoding: string;
  local_port: number;
  bound_port: number;
  nickname: string;
  added_at: number;
  last_seen: number;
  protocol: string;
  connection: string;
  line_based: number;
  when_disconnected: string;
}

const COLUMNS =
  'id, host, port, encoding, local_port, bound_port, nickname, added_at, last_seen, protocol, connection, line_based, when_disconnected';
const UPSERT = `INSERT INTO plain_contacts (${COLUMNS})
  VALUES (@id, @host, @port, @encoding, @localPort, @boundPort, @nickname, @addedAt, @lastSeen,
    @protocol, @connection, @lineBased, @whenDisconnected)
  ON CONFLICT (id) DO UPDATE SET host = excluded.host, port = excluded.port,
    encoding = excluded.encoding, local_port = excluded.local_port,
    bound_port = excluded.bound_port, nickname = excluded.nickname,
    added_at = excluded.added_at, last_seen = excluded.last_seen,
    protocol = excluded.protocol, connection = excluded.connection,
    line_based = excluded.line_based, when_disconnected = excluded.when_disconnected`;
const ALL = `SELECT ${COLUMNS} FROM plain_contacts ORDER BY rowid`;
const SET_BOUND = 'UPDATE plain_contacts SET bound_port = ? WHERE id = ?';
const TOUCH = 'UPDATE plain_contacts SET last_seen = max(last_seen, ?) WHERE id = ?';
const REMOVE = 'DELETE FROM plain_contacts WHERE id = ?';

const isPort = (value: number, min: number): boolean =>
  Number.isInteger(value) && value >= min && value <= 65535;

/** The plain contacts (UDP and TCP), kept across restarts. */
export class PlainContactsRepo {
  constructor(private readonly db: PigeonDatabase) {}

  /** Add a contact, or replace the one with its id. */
  save(contact: SavedPlainContact): void {
    this.db.run(() =>
      this.db.statement(UPSERT).run({ ...contact, lineBased: contact.lineBased ? 1 : 0 }),
    );
  }

  /** Every contact in the order added; a row that no longer makes sense is skipped. */
  all(): SavedPlainContact[] {
    const rows = this.db.run(() => this.db.statement(ALL).all() as PlainContactRow[]);
    return rows.flatMap((row) => {
      const contact = toContact(row);
      return contact ? [contact] : [];
    });
  }

  setBoundPort(id: string, port: number): void {
    this.db.run(() => this.db.statement(SET_BOUND).run(port, id));
  }

  /** Note that the contact was heard from; the time never goes backwards. */
  touch(id: string, at: number): void {
    this.db.run(() => this.db.statement(TOUCH).run(at, id));
  }

  remove(id: string): boolean {
    return this.db.run(() => this.db.statement(REMOVE).run(id).changes > 0);
  }
}

/** The file is input too: an encoding or protocol this version does not know drops the row. */
function toContact(row: PlainContactRow): SavedPlainContact | undefined {
  if (!isPlainUdpEncoding(row.encoding) || !isPort(row.port, 1)) return undefined;
  if (!isPlainProtocol(row.protocol) || !isPlainConnection(row.connection)) return undefined;
  return {
    id: row.id,
    host: row.host,
    port: row.port,
    encoding: row.encoding,
    localPort: isPort(row.local_port, 0) ? row.local_port : 0,
    boundPort: isPort(row.bound_port, 0) ? row.bound_port : 0,
    nickname: row.nickname,
    addedAt: row.added_at,
    lastSeen: row.last_seen,
    protocol: row.protocol,
    connection: row.connection,
    lineBased: row.line_based === 1,
    whenDisconnected: isPlainWhenDisconnected(row.when_disconnected)
      ? row.when_disconnected
      : 'queue',
  };
}
