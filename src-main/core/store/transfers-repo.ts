import { z } from 'zod';
import type { MessageDirection, TransferState } from '../../../src-shared/contract';
import type { TransferItemRecord, TransferRecord } from './records/transfer-record';
import type { PigeonDatabase } from './database';

/** A conversation's transfers come back at most this many, the newest. */
export const MAX_TRANSFERS_LISTED = 500;

interface TransferRow {
  seq: number;
  id: string;
  conversation_id: string;
  message_id: string;
  peer_id: string;
  direction: string;
  packet_no: number;
  state: string;
  image: number;
  utf8: number;
  total_bytes: number;
  bytes_done: number;
  directory: string | null;
  error: string | null;
  retryable: number;
  at: number;
  items: string;
}

const STATES = ['offered', 'active', 'done', 'failed', 'cancelled', 'declined'] as const;
const knownStates = new Set<string>(STATES);

const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
// The items come from a file on disk, which may have been edited: parsed, never trusted.
const ItemsSchema = z
  .array(
    z.object({
      name: z.string().min(1).max(4096),
      size: Count,
      kind: z.enum(['file', 'directory']),
      fileId: z.number().int().min(0).max(0xffffffff),
      mtime: Count,
      contentBytes: Count.optional(),
      sha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
      transferKey: z
        .string()
        .regex(/^[\w-]{43}$/)
        .optional(),
      checkedBySender: z.boolean().optional(),
      path: z.string().min(1).max(8192).optional(),
      done: z.boolean().optional(),
      partial: z.string().min(1).max(8192).optional(),
    }),
  )
  .max(100_000);

const COLUMNS = `seq, id, conversation_id, message_id, peer_id, direction, packet_no, state, image,
  utf8, total_bytes, bytes_done, directory, error, retryable, at, items`;
const INSERT = `INSERT INTO transfers (id, conversation_id, message_id, peer_id, direction,
    packet_no, state, image, utf8, total_bytes, bytes_done, directory, error, retryable, at, items)
  VALUES (@id, @conversationId, @messageId, @peerId, @direction, @packetNo, @state, @image,
    @utf8, @totalBytes, @bytesDone, @directory, @error, @retryable, @at, @items)`;
const UPDATE = `UPDATE transfers SET packet_no = @packetNo, state = @state, utf8 = @utf8,
  total_bytes = @totalBytes, bytes_done = @bytesDone, directory = @directory, error = @error,
  retryable = @retryable, items = @items WHERE id = @id`;
const GET = `SELECT ${COLUMNS} FROM transfers WHERE id = ?`;
const NEWEST = `SELECT ${COLUMNS} FROM transfers WHERE conversation_id = ?
  ORDER BY seq DESC LIMIT ?`;
const BY_PACKET = `SELECT ${COLUMNS} FROM transfers
  WHERE peer_id = ? AND packet_no = ? AND direction = ? ORDER BY seq DESC LIMIT 1`;
const UNFINISHED = `SELECT ${COLUMNS} FROM transfers WHERE state IN ('offered', 'active')`;

/** Transfers in SQLite (migration 4). */
export class TransfersRepo {
  constructor(private readonly db: PigeonDatabase) {}

  /** Store a new transfer; throws StoreError 'invalid' if its id is already stored. */
  add(record: TransferRecord): void {
    this.db.run(() => this.db.statement(INSERT).run(params(record)));
  }

  /** Store a transfer's current state, bytes, folder, error and items. */
  update(record: TransferRecord): void {
    this.db.run(() => this.db.statement(UPDATE).run(params(record)));
  }

  get(id: string): TransferRecord | undefined {
    const row = this.db.run(() => this.db.statement(GET).get(id) as TransferRow | undefined);
    return row && toRecord(row);
  }

  /** A conversation's newest transfers (at most `limit`, 500 by default), oldest first. */
  list(conversationId: string, limit = MAX_TRANSFERS_LISTED): TransferRecord[] {
    const bounded = Math.max(0, Math.min(MAX_TRANSFERS_LISTED, Math.floor(limit)));
    const rows = this.db.run(
      () => this.db.statement(NEWEST).all(conversationId, bounded) as TransferRow[],
    );
    return rows.reverse().map(toRecord);
  }

  /** The transfer a peer's offer (in) or ours to it (out) travelled in. */
  findByPacket(
    peerId: string,
    packetNo: number,
    direction: MessageDirection,
  ): TransferRecord | undefined {
    const row = this.db.run(
      () =>
        this.db.statement(BY_PACKET).get(peerId, packetNo, direction) as TransferRow | undefined,
    );
    return row && toRecord(row);
  }

  /**
   * Transfers a previous run left offered or moving become failed with `reason`: their
   * connections and offers ended with that run. Returns the changed transfers.
   */
  interruptUnfinished(reason: string): TransferRecord[] {
    return this.db.write(() => {
      const rows = this.db.statement(UNFINISHED).all() as TransferRow[];
      const changed = rows.map((row) => ({
        ...toRecord(row),
        state: 'failed' as const,
        error: reason,
        retryable: true,
      }));
      for (const record of changed) this.db.statement(UPDATE).run(params(record));
      return changed;
    });
  }
}

function params(record: TransferRecord) {
  return {
    id: record.id,
    conversationId: record.conversationId,
    messageId: record.messageId,
    peerId: record.peerId,
    direction: record.direction,
    packetNo: record.packetNo,
    state: record.state,
    image: record.image ? 1 : 0,
    utf8: record.utf8 ? 1 : 0,
    totalBytes: record.totalBytes,
    bytesDone: record.bytesDone,
    directory: record.directory ?? null,
    error: record.error ?? null,
    retryable: record.retryable ? 1 : 0,
    at: record.at,
    // A stamp names this computer's files and only matters to a live offer: not stored.
    items: JSON.stringify(record.items.map(({ stamp: _local, ...item }) => item)),
  };
}

function parseItems(text: string): TransferItemRecord[] | undefined {
  try {
    const parsed = ItemsSchema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as TransferItemRecord[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The record for a row; a row this version cannot read shows as failed, with the reason. */
function toRecord(row: TransferRow): TransferRecord {
  const items = parseItems(row.items);
  const known = knownStates.has(row.state);
  const record: TransferRecord = {
    id: row.id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    peerId: row.peer_id,
    direction: row.direction === 'out' ? 'out' : 'in',
    packetNo: row.packet_no,
    items: items ?? [],
    state: known && items ? (row.state as TransferState) : 'failed',
    image: row.image === 1,
    utf8: row.utf8 === 1,
    totalBytes: row.total_bytes,
    bytesDone: row.bytes_done,
    bytesPerSecond: 0,
    retryable: row.retryable === 1 && items !== undefined,
    at: row.at,
  };
  if (row.directory !== null) record.directory = row.directory;
  if (!items) record.error = 'The stored list of files could not be read.';
  else if (!known) record.error = `Stored with an unknown state (${row.state}).`;
  else if (row.error !== null) record.error = row.error;
  return record;
}
