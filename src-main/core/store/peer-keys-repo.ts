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
const ALL = `SELECT ${COLUMNS} FROM peer_keys`;
const PUT = `INSERT INTO peer_keys (${COLUMNS})
  VALUES (@peerId, @signing, @agreement, @firstSeen, @verified, @pendingSigning, @pendingAgreement)
  ON CONFLICT (peer_id) DO UPDATE SET signing_key = excluded.signing_key,
    agreement_key = excluded.agreement_key, first_seen = excluded.first_seen,
    verified = excluded.verified, pending_signing_key = excluded.pending_signing_key,
    pending_agreement_key = excluded.pending_agreement_key`;
const REMOVE = 'DELETE FROM peer_keys WHERE peer_id = ?';

/**
 * The peer_keys table (migration 012): trust on first use, kept across restarts. Read once
 * into memory: every peer event and every send asks about keys, and the table changes
 * only through put.
 */
export class PeerKeysRepo {
  private known: Map<string, StoredPeerKeys> | undefined;

  constructor(private readonly db: PigeonDatabase) {}

  get(peerId: string): StoredPeerKeys | undefined {
    return this.all().get(peerId);
  }

  put(entry: StoredPeerKeys): void {
    const known = this.all();
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
    // Only what the file holds: a failed write (a full disk) changes nothing here either.
    known.set(entry.peerId, entry);
  }

  /** The peers with keys on file. */
  peerIds(): string[] {
    return [...this.all().keys()];
  }

  /**
   * Forget the keys of peers the user never dealt with (the directory evicted them, or an
   * earlier run stored them), in one write. A verified key is never forgotten here.
   */
  forgetStrangers(ids: Iterable<string>): void {
    const known = this.all();
    const gone = [...ids].filter((id) => known.has(id) && !known.get(id)!.verified);
    if (gone.length === 0) return;
    this.db.write(() => {
      for (const id of gone) this.db.statement(REMOVE).run(id);
    });
    for (const id of gone) known.delete(id);
  }

  private all(): Map<string, StoredPeerKeys> {
    if (!this.known) {
      const rows = this.db.run(() => this.db.statement(ALL).all() as PeerKeysRow[]);
      this.known = new Map(rows.map((row) => [row.peer_id, toStored(row)]));
    }
    return this.known;
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
