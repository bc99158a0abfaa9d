import type { PublicKeys } from './records/public-keys';
import type { PigeonDatabase } from './database';

/** A Pigeon's keys as the user has accepted them, and a different key waiting, if any. */
export interface StoredPeerKeys {
  peerId: string;
  keys: PublicKeys;
  firstSeen: number;
  verified: boolean;
  pending?: PublicKeys;
}

interface PeerKeysRow {
  peer_id: string;
  signing_key: Buffer;
  agreement_key: Buffer;
  first_seen: number;
  verified: number;
  pending_signing_key: Buffer | null;
  pending_agreement_key: Buffer | null;
}

const COLUMNS =
  'peer_id, signing_key, agreement_key, first_seen, verified, pending_signing_key, pending_agreement_key';
const GET = `SELECT ${COLUMNS} FROM peer_keys WHERE peer_id = ?`;
const PUT = `INSERT INTO peer_keys (${COLUMNS})
  VALUES (@peerId, @signing, @agreement, @firstSeen, @verified, @pendingSigning, @pendingAgreement)
  ON CONFLICT (peer_id) DO UPDATE SET signing_key = excluded.signing_key,
    agreement_key = excluded.agreement_key, first_seen = excluded.first_seen,
    verified = excluded.verified, pending_signing_key = excluded.pending_signing_key,
    pending_agreement_key = excluded.pending_agreement_key`;

/** The peer_keys table (migration 013): trust on first use, kept across restarts. */
export class PeerKeysRepo {
  constructor(private readonly db: PigeonDatabase) {}

  get(peerId: string): StoredPeerKeys | undefined {
    const row = this.db.run(() => this.db.statement(GET).get(peerId) as PeerKeysRow | undefined);
    return row && toStored(row);
  }

  put(entry: StoredPeerKeys): void {
    this.db.run(() =>
      this.db.statement(PUT).run({
        peerId: entry.peerId,
        signing: entry.keys.signing,
        agreement: entry.keys.agreement,
        firstSeen: entry.firstSeen,
        verified: entry.verified ? 1 : 0,
        pendingSigning: entry.pending?.signing ?? null,
        pendingAgreement: entry.pending?.agreement ?? null,
      }),
    );
  }
}

function toStored(row: PeerKeysRow): StoredPeerKeys {
  const stored: StoredPeerKeys = {
    peerId: row.peer_id,
    keys: { signing: row.signing_key, agreement: row.agreement_key },
    firstSeen: row.first_seen,
    verified: row.verified === 1,
  };
  if (row.pending_signing_key && row.pending_agreement_key)
    stored.pending = { signing: row.pending_signing_key, agreement: row.pending_agreement_key };
  return stored;
}
