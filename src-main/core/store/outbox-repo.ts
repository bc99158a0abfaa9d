import type { MessageDTO } from '../../../src-shared/contract';
import { addBounded } from '../bounded';
import type { PigeonDatabase } from './database';
import { MESSAGE_COLUMNS_M, toMessage, type MessageRow } from './message-schema';
import { StoreError } from './store-error';

/** A message waiting for its peer to come online. */
export interface OutboxEntry {
  messageId: string;
  peerId: string;
  /** When it was queued, in milliseconds since the epoch. */
  queuedAt: number;
  /** The message as stored now. */
  message: MessageDTO;
}

interface OutboxRow extends MessageRow {
  o_message_id: string;
  o_peer_id: string;
  o_queued_at: number;
}

// The message's own row is removed with it (ON DELETE CASCADE), never the other way.
const ENQUEUE = `INSERT INTO outbox (message_id, peer_id, queued_at) VALUES (?, ?, ?)
  ON CONFLICT (message_id) DO NOTHING`;
const SELECT = `SELECT o.message_id AS o_message_id, o.peer_id AS o_peer_id,
  o.queued_at AS o_queued_at, ${MESSAGE_COLUMNS_M}
  FROM outbox o JOIN messages m ON m.id = o.message_id`;
const FOR_PEER = `${SELECT} WHERE o.peer_id = ? ORDER BY o.seq`;
const ALL = `${SELECT} ORDER BY o.seq`;
const PEERS = 'SELECT DISTINCT peer_id FROM outbox ORDER BY peer_id';
const REMOVE = 'DELETE FROM outbox WHERE message_id = ?';
const MESSAGE_EXISTS = 'SELECT 1 FROM messages WHERE id = ?';
/** Peers remembered as having nothing queued; past it the oldest are asked again. */
const MAX_EMPTY_KNOWN = 4096;

/**
 * Messages queued for peers that are offline. Kept on disk so they go out after
 * a restart of either side; in the order they were written.
 */
export class OutboxRepo {
  /**
   * Peers nothing waits for, as last read: every message sent and received asks, and
   * almost always nothing waits. Only queuing adds to a peer's queue, so only it forgets.
   */
  private readonly emptyFor = new Set<string>();

  constructor(
    private readonly db: PigeonDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Queue a stored message for a peer. Queuing it again keeps its first place and
   * returns false. Throws StoreError 'invalid' for a message that is not stored.
   */
  enqueue(messageId: string, peerId: string): boolean {
    return this.db.write(() => {
      if (this.db.statement(MESSAGE_EXISTS).get(messageId) === undefined)
        throw new StoreError(
          'invalid',
          `Message ${messageId} is not stored, so it cannot be queued.`,
        );
      this.emptyFor.delete(peerId);
      return this.db.statement(ENQUEUE).run(messageId, peerId, this.now()).changes > 0;
    });
  }

  /** What waits for one peer, in the order it was written. */
  forPeer(peerId: string): OutboxEntry[] {
    if (this.emptyFor.has(peerId)) return [];
    const rows = inWrittenOrder(
      this.db.run(() => this.db.statement(FOR_PEER).all(peerId) as OutboxRow[]),
    );
    // Inside a transaction a removal read here could still be rolled back.
    if (rows.length === 0 && !this.db.sqlite.inTransaction) {
      addBounded(this.emptyFor, peerId, MAX_EMPTY_KNOWN);
    }
    return rows.map(toEntry);
  }

  /** Everything queued, in the order it was written. */
  all(): OutboxEntry[] {
    return inWrittenOrder(this.db.run(() => this.db.statement(ALL).all() as OutboxRow[])).map(
      toEntry,
    );
  }

  /** The peers something waits for. */
  peers(): string[] {
    return this.db.run(() => this.db.statement(PEERS).pluck().all() as string[]);
  }

  /** Take a message out of the queue (sent, or cancelled); false if it was not queued. */
  remove(messageId: string): boolean {
    return this.db.run(() => this.db.statement(REMOVE).run(messageId).changes > 0);
  }
}

/**
 * The order the messages were written (their seq), not queued: a message given up on can be
 * queued before an earlier one still in flight is taken back to the outbox behind it. Sorted
 * here, not by SQLite: what waits is a handful of rows, read through the outbox's own index.
 */
function inWrittenOrder(rows: OutboxRow[]): OutboxRow[] {
  return rows.sort((a, b) => a.seq - b.seq);
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    messageId: row.o_message_id,
    peerId: row.o_peer_id,
    queuedAt: row.o_queued_at,
    message: toMessage(row),
  };
}
