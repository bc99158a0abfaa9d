import { PeerClientSchema } from '../../../src-shared/contract';
import { cleanSignature } from '../../../src-shared/contract/profile-text';
import { isAvatarHash } from '../ipmsg/avatar';
import type { PeerRecord } from './records/peer-record';
import type { PigeonDatabase } from './database';

interface PeerRow {
  id: string;
  user: string;
  host: string;
  nickname: string;
  group_name: string;
  address: string;
  port: number;
  client: string;
  version: string;
  capabilities: number;
  last_seen: number;
  signature: string;
  avatar: string | null;
}

const COLUMNS =
  'id, user, host, nickname, group_name, address, port, client, version, capabilities, last_seen, signature, avatar';
const UPSERT = `INSERT INTO peers (${COLUMNS})
  VALUES (@id, @user, @host, @nickname, @group, @address, @port, @client, @version, @capabilities, @lastSeen, @signature, @avatar)
  ON CONFLICT (id) DO UPDATE SET user = excluded.user, host = excluded.host,
    nickname = excluded.nickname, group_name = excluded.group_name, address = excluded.address,
    port = excluded.port, client = excluded.client, version = excluded.version,
    capabilities = excluded.capabilities, last_seen = excluded.last_seen,
    signature = excluded.signature, avatar = excluded.avatar`;
const TOUCH = 'UPDATE peers SET last_seen = max(last_seen, ?) WHERE id = ?';
const GET = `SELECT ${COLUMNS} FROM peers WHERE id = ?`;
const ALL = `SELECT ${COLUMNS} FROM peers ORDER BY rowid`;
const REMOVE = 'DELETE FROM peers WHERE id = ?';

/**
 * Peers Pigeon has heard of, kept across restarts so the contact list is not empty
 * at start. Presence is not stored: a remembered peer is offline until it speaks.
 */
export class PeersRepo {
  constructor(private readonly db: PigeonDatabase) {}

  /** Remember a peer as discovery knows it now (its id is `user@host`). */
  upsert(peer: PeerRecord): void {
    this.db.run(() => this.db.statement(UPSERT).run(toParams(peer)));
  }

  /** Remember many peers in one transaction (one disk sync instead of many). */
  upsertMany(peers: Iterable<PeerRecord>): void {
    this.db.write(() => {
      for (const peer of peers) this.db.statement(UPSERT).run(toParams(peer));
    });
  }

  /** Note that a peer was heard from; the time never goes backwards. */
  touch(id: string, at: number): void {
    this.db.run(() => this.db.statement(TOUCH).run(at, id));
  }

  get(id: string): PeerRecord | undefined {
    const row = this.db.run(() => this.db.statement(GET).get(id) as PeerRow | undefined);
    return row && toPeer(row);
  }

  /** Every remembered peer, offline, in the order first heard of. */
  all(): PeerRecord[] {
    return this.db.run(() => this.db.statement(ALL).all() as PeerRow[]).map(toPeer);
  }

  remove(id: string): boolean {
    return this.db.run(() => this.db.statement(REMOVE).run(id).changes > 0);
  }

  /** Forget several peers in one transaction (one commit, however many). */
  removeMany(ids: Iterable<string>): void {
    this.db.write(() => {
      for (const id of ids) this.db.statement(REMOVE).run(id);
    });
  }
}

function toParams(peer: PeerRecord) {
  return {
    id: peer.id,
    user: peer.user,
    host: peer.host,
    nickname: peer.nickname,
    group: peer.group,
    address: peer.address,
    port: peer.port,
    client: peer.client,
    version: peer.version,
    capabilities: peer.capabilities,
    lastSeen: peer.lastSeen,
    signature: peer.signature ?? '',
    avatar: peer.avatar ?? null,
  };
}

function toPeer(row: PeerRow): PeerRecord {
  const client = PeerClientSchema.safeParse(row.client);
  const peer: PeerRecord = {
    id: row.id,
    user: row.user,
    host: row.host,
    nickname: row.nickname,
    group: row.group_name,
    address: row.address,
    port: row.port,
    status: 'offline',
    client: client.success ? client.data : 'unknown',
    version: row.version,
    capabilities: row.capabilities,
    lastSeen: row.last_seen,
  };
  // The file is as hostile as the network: both are checked again on the way in.
  const signature = cleanSignature(typeof row.signature === 'string' ? row.signature : '');
  if (signature !== '') peer.signature = signature;
  if (typeof row.avatar === 'string' && isAvatarHash(row.avatar)) peer.avatar = row.avatar;
  return peer;
}
