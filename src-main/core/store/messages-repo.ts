import type { MessageDTO, MessageDirection } from '../../../src-shared/contract';
import type { PigeonDatabase } from './database';
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from './message-schema';
import { SealedReceipts } from './sealed-receipts';
import { SearchIndex } from './search-index';
import {
  DEFAULT_SCAN_WINDOWS,
  searchMessages,
  type ScanWindows,
  type SearchHit,
  type SearchOptions,
} from './message-search';

/** What the store keeps about a message beyond its DTO. */
export interface MessageDetails {
  /** The peer it came from or goes to; defaults to the conversation id (one-to-one). */
  peerId?: string;
  /** IPMsg packet number it travelled with (received) or was last sent with (sent). */
  packetNo?: number;
  /** A received sealed message whose sender asked to be told when it is opened. */
  readCheck?: boolean;
}

export interface MessagesRepoOptions {
  /** How far searches read without the index (see ScanWindows); tests make them small. */
  scanWindows?: Partial<ScanWindows>;
  /** How long new messages gather before they are indexed for search (see SearchIndex). */
  indexDelayMs?: number;
}

/** Which page of a conversation `list` returns; see MessagesRepo.list. */
export interface ListOptions {
  before?: string;
  after?: string;
  around?: string;
  limit?: number;
}

/** The page `list` returns when no limit is asked for. */
export const DEFAULT_PAGE = 50;

/** The largest page `list` returns, whatever is asked: a page is never the whole table. */
export const MAX_PAGE = 1000;

const PACKET_NO_OF = 'SELECT packet_no FROM messages WHERE id = ?';
const HAS_SENT = "SELECT 1 FROM messages WHERE conversation_id = ? AND direction = 'out' LIMIT 1";
// The condition matches the partial index messages_sent_by_packet (migration 3).
const HIGHEST_SENT =
  "SELECT MAX(packet_no) AS highest FROM messages WHERE direction = 'out' AND packet_no IS NOT NULL";
const INSERT = `INSERT INTO messages (id, conversation_id, peer_id, direction, text, state, at, error, packet_no,
    sealed, read_check, read_at, transfer_id)
  VALUES (@id, @conversationId, @peerId, @direction, @text, @state, @at, @error, @packetNo,
    @sealed, @readCheck, @readAt, @transferId)`;
// peer_id and packet_no change only when given (NULL keeps them). Sealing and reading
// change only through their own methods; the text of an unopened sealed message comes
// out blank, so it is never written back.
const UPDATE = `UPDATE messages SET conversation_id = @conversationId, direction = @direction,
  text = CASE WHEN sealed = 1 AND direction = 'in' AND read_at IS NULL THEN text ELSE @text END,
  state = @state, at = @at, error = @error,
  peer_id = coalesce(@peerId, peer_id), packet_no = coalesce(@packetNo, packet_no),
  transfer_id = coalesce(@transferId, transfer_id)
  WHERE id = @id`;
// The messages_by_packet index (migration 1) answers this with one seek per peer.
const HIGHEST_RECEIVED = `SELECT MAX(packet_no) FROM messages
  WHERE peer_id = ? AND packet_no IS NOT NULL AND direction = 'in'`;
const GET = `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ?`;
// Only the two columns a confirmation changes: no text, so no search-index trigger to weigh.
const MARK_DELIVERED = `UPDATE messages SET state = 'delivered', error = NULL WHERE id = ?
  RETURNING ${MESSAGE_COLUMNS}`;
const CURSOR = 'SELECT seq FROM messages WHERE id = ? AND conversation_id = ?';
const LATEST = `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ?
  ORDER BY seq DESC LIMIT ?`;
const BEFORE = `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND seq < ?
  ORDER BY seq DESC LIMIT ?`;
const AFTER = `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND seq > ?
  ORDER BY seq LIMIT ?`;
const BY_PACKET = `SELECT ${MESSAGE_COLUMNS} FROM messages
  WHERE peer_id = ? AND packet_no = ? AND direction = ? ORDER BY seq DESC LIMIT 1`;

/** Messages in SQLite: add, update, get and page through them, search, look up by packet. */
export class MessagesRepo {
  private readonly windows: ScanWindows;
  /** Sealed messages: opening them, and the peer's read receipts. */
  readonly sealed: SealedReceipts;
  /** The search index, brought up to date in batches. */
  readonly searchIndex: SearchIndex;

  constructor(
    private readonly db: PigeonDatabase,
    options: MessagesRepoOptions = {},
  ) {
    this.windows = { ...DEFAULT_SCAN_WINDOWS, ...options.scanWindows };
    this.sealed = new SealedReceipts(db, (id) => this.get(id));
    this.searchIndex = new SearchIndex(db, options.indexDelayMs);
  }

  /**
   * Store a new message; throws StoreError 'invalid' if its id is already stored. It is
   * indexed for search shortly after (or at the next search), not here.
   */
  add(message: MessageDTO, details: MessageDetails = {}): void {
    this.db.run(() =>
      this.db.statement(INSERT).run(params(message, details, message.conversationId)),
    );
    this.searchIndex.stored();
  }

  /** Replace a stored message's fields; an unknown id is ignored, as MemoryHistory does. */
  update(message: MessageDTO, details: MessageDetails = {}): void {
    this.db.run(() => this.db.statement(UPDATE).run(params(message, details, null)));
  }

  /** A sent message was confirmed: returns it as now stored, or undefined if it is gone. */
  markDelivered(id: string): MessageDTO | undefined {
    const row = this.db.run(
      () => this.db.statement(MARK_DELIVERED).get(id) as MessageRow | undefined,
    );
    return row && toMessage(row);
  }

  get(id: string): MessageDTO | undefined {
    const row = this.db.run(() => this.db.statement(GET).get(id) as MessageRow | undefined);
    return row && toMessage(row);
  }

  /**
   * A page of a conversation, oldest first, at most `limit` messages:
   * - `around`: the page holding that message, with about as many older as newer
   *   ones (jumping to a search hit);
   * - `after`: messages newer than that one (paging down after a jump);
   * - `before`: messages older than that one (paging up);
   * - none of them: the latest messages.
   * The first of these given counts. A cursor that is not a message of this
   * conversation gives the latest page (as MemoryHistory does), or nothing for `after`.
   * Each page is an index seek on (conversation_id, seq), never a scan.
   */
  list(conversationId: string, options: ListOptions = {}): MessageDTO[] {
    const limit = pageLimit(options.limit);
    if (limit === 0) return [];
    const rows = this.db.run((): MessageRow[] => {
      const cursor = (id: string | undefined) =>
        id === undefined
          ? undefined
          : (this.db.statement(CURSOR).pluck().get(id, conversationId) as number | undefined);
      const older = (seq: number, count: number) =>
        (this.db.statement(BEFORE).all(conversationId, seq, count) as MessageRow[]).reverse();
      const newer = (seq: number, count: number) =>
        this.db.statement(AFTER).all(conversationId, seq, count) as MessageRow[];
      if (options.around !== undefined) {
        const at = cursor(options.around);
        if (at !== undefined) return pageAround(older(at, limit - 1), newer(at - 1, limit), limit);
      } else if (options.after !== undefined) {
        const at = cursor(options.after);
        return at === undefined ? [] : newer(at, limit);
      } else {
        const at = cursor(options.before);
        if (at !== undefined) return older(at, limit);
      }
      return (this.db.statement(LATEST).all(conversationId, limit) as MessageRow[]).reverse();
    });
    return rows.map(toMessage);
  }

  /** Every message of a conversation, oldest first, read a page at a time (for exports). */
  *iterate(conversationId: string, pageSize = 500): Generator<MessageDTO> {
    const size = Math.max(1, Math.min(MAX_PAGE, Math.floor(pageSize)));
    let after = 0;
    for (;;) {
      const rows = this.db.run(
        () => this.db.statement(AFTER).all(conversationId, after, size) as MessageRow[],
      );
      for (const row of rows) yield toMessage(row);
      const last = rows.at(-1);
      if (!last || rows.length < size) return;
      after = last.seq;
    }
  }

  /** The message a peer's packet carried (or ours to them): finds a repeat after a restart. */
  findByPacket(
    peerId: string,
    packetNo: number,
    direction: MessageDirection = 'in',
  ): MessageDTO | undefined {
    const row = this.db.run(
      () => this.db.statement(BY_PACKET).get(peerId, packetNo, direction) as MessageRow | undefined,
    );
    return row && toMessage(row);
  }

  /** The highest packet number stored from a peer, 0 if none: numbers above it are new. */
  highestReceivedPacketNo(peerId: string): number {
    const highest = this.db.run(
      () => this.db.statement(HIGHEST_RECEIVED).pluck().get(peerId) as number | null,
    );
    return highest ?? 0;
  }

  /** Run writes as one transaction: a message and what goes with it, committed together. */
  atomically<T>(work: () => T): T {
    return this.db.write(work);
  }

  /** Whether the user has written anything in a conversation (a contact they chatted with). */
  hasSent(conversationId: string): boolean {
    return this.db.run(() => this.db.statement(HAS_SENT).get(conversationId) !== undefined);
  }

  /** The packet number a message last travelled with, if any. */
  packetNoOf(id: string): number | undefined {
    const row = this.db.run(
      () => this.db.statement(PACKET_NO_OF).get(id) as { packet_no: number | null } | undefined,
    );
    return row?.packet_no ?? undefined;
  }

  /** The highest packet number Pigeon has sent (read once at start). */
  highestSentPacketNo(): number {
    const row = this.db.run(
      () => this.db.statement(HIGHEST_SENT).get() as { highest: number | null } | undefined,
    );
    return row?.highest ?? 0;
  }

  /** Find messages containing every word of `query`, newest first (the newest included). */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    this.searchIndex.tryCatchUp();
    return searchMessages(this.db, query, options, this.windows);
  }
}

function params(message: MessageDTO, details: MessageDetails, defaultPeer: string | null) {
  return {
    id: message.id,
    conversationId: message.conversationId,
    peerId: details.peerId ?? defaultPeer,
    direction: message.direction,
    text: message.text,
    state: message.state,
    at: message.at,
    error: message.error ?? null,
    packetNo: details.packetNo ?? null,
    sealed: message.sealed === true ? 1 : 0,
    readCheck: details.readCheck === true ? 1 : 0,
    readAt: message.readAt ?? null,
    transferId: message.transferId ?? null,
  };
}

/** `limit` messages around the first of `from` (older ones oldest first, then it and newer ones). */
function pageAround(older: MessageRow[], from: MessageRow[], limit: number): MessageRow[] {
  const wanted = Math.floor((limit - 1) / 2);
  const olderCount = Math.min(older.length, Math.max(wanted, limit - from.length));
  return [...older.slice(older.length - olderCount), ...from.slice(0, limit - olderCount)];
}

function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE;
  return Math.min(MAX_PAGE, Math.max(0, Math.floor(limit)));
}
