import {
  groupNoticeSentence,
  readGroupNotice,
  type SearchHitDTO,
} from '../../../src-shared/contract';
import type { PigeonDatabase } from './database';
import { MESSAGE_COLUMNS_M, toMessage, type MessageRow } from './message-schema';
import {
  LIKE_ESCAPE,
  containsPattern,
  matchExpression,
  parseSearchQuery,
  type SearchWords,
} from './search-query';
import { snippetOf } from './search-snippet';

export interface SearchOptions {
  /** At most this many hits (default 50, at most 200). */
  limit?: number;
  /** Search one conversation only. */
  conversationId?: string;
}

/** A message found, with its text on one line (cut around the match when long). */
export type SearchHit = SearchHitDTO;

export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 200;

const likeClause = ` AND m.text LIKE ? ESCAPE '${LIKE_ESCAPE}'`;
// A sealed message we have not opened is not found by its hidden text (migration 5).
const notSealedAway = " AND NOT (m.sealed = 1 AND m.direction = 'in' AND m.read_at IS NULL)";

/**
 * How far a search reads messages one by one instead of using the trigram index.
 *
 * The index cannot find words of 1–2 characters (common in Chinese), so a search of
 * only such words reads messages newest first until it has enough hits. That is
 * exact, and quick for any word that occurs at all often, but a rare or absent word
 * would read a whole history of millions; these bounds keep it to a few tens of
 * milliseconds. The trade-off: a search with any 1–2 character word finds only hits
 * among the newest `all` messages (or the conversation's newest `conversation`).
 * Words of 3+ characters alone are found in the whole history.
 *
 * A search within one conversation reads that conversation whole when it has no
 * more than `conversation` messages (the index would wade through every hit in
 * other conversations first), and uses the index beyond that.
 */
export interface ScanWindows {
  /** The newest messages of the whole history a short-word search reads (sequential). */
  all: number;
  /** The newest messages of one conversation a search reads (via its index: dearer per row). */
  conversation: number;
}

export const DEFAULT_SCAN_WINDOWS: ScanWindows = { all: 200_000, conversation: 20_000 };

/**
 * Newest first; every hit contains every word. Case is ignored for English
 * everywhere; the trigram index also ignores it for other scripts, a scan does not.
 */
export function searchMessages(
  db: PigeonDatabase,
  query: string,
  options: SearchOptions,
  windows: ScanWindows = DEFAULT_SCAN_WINDOWS,
): SearchHit[] {
  const words = parseSearchQuery(query);
  const limit = searchLimit(options.limit);
  if (limit === 0 || (words.indexed.length === 0 && words.scanned.length === 0)) return [];
  const rows = db.run(() => findRows(db, words, limit, options.conversationId, windows));
  const all = [...words.indexed, ...words.scanned];
  return rows.flatMap((row) => {
    const message = toMessage(row);
    const notice = message.state === 'notice' ? readGroupNotice(message.text) : undefined;
    if (!notice) return [{ message, snippet: snippetOf(message.text, all) }];
    // A group notice is stored as JSON: it is found by the line it reads as, never by
    // its keys or the ids inside it.
    const line = groupNoticeSentence(notice);
    const lower = line.toLowerCase();
    return all.every((word) => lower.includes(word.toLowerCase()))
      ? [{ message, snippet: snippetOf(line, all) }]
      : [];
  });
}

function findRows(
  db: PigeonDatabase,
  words: SearchWords,
  limit: number,
  conversationId: string | undefined,
  windows: ScanWindows,
): MessageRow[] {
  // Longer words first: they are the likelier to rule a message out at once.
  const every = [...words.indexed, ...words.scanned];
  // Any 1–2 character word means reading messages, even beside longer words: the
  // index would hand over every hit of the long word, each dearer to check than a read.
  const onlyIndexed = words.scanned.length === 0;
  if (conversationId === undefined) {
    if (onlyIndexed) return indexedSearch(db, words.indexed, limit);
    const newest = db.statement('SELECT max(seq) FROM messages').pluck().get() as number | null;
    return scan(db, every, limit, Math.max(0, (newest ?? 0) - windowSize(windows.all)));
  }
  // The message just past the conversation's window, walked on the index alone.
  const edge = db
    .statement(
      'SELECT seq FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?',
    )
    .pluck()
    .get(conversationId, windowSize(windows.conversation)) as number | undefined;
  if (edge !== undefined && onlyIndexed)
    return indexedSearch(db, words.indexed, limit, conversationId);
  return scan(db, every, limit, edge ?? 0, conversationId);
}

function searchLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_SEARCH_LIMIT;
  return Math.min(MAX_SEARCH_LIMIT, Math.max(0, Math.floor(limit)));
}

const windowSize = (size: number): number => Math.max(1, Math.floor(size));

/** Words of 3+ characters through the trigram index, newest first (CROSS JOIN keeps the index outermost). */
function indexedSearch(
  db: PigeonDatabase,
  words: readonly string[],
  limit: number,
  conversationId?: string,
): MessageRow[] {
  const sql =
    `SELECT ${MESSAGE_COLUMNS_M} FROM messages_fts CROSS JOIN messages m ON m.seq = messages_fts.rowid` +
    ` WHERE messages_fts MATCH ?` +
    (conversationId === undefined ? '' : ' AND m.conversation_id = ?') +
    notSealedAway +
    ` ORDER BY messages_fts.rowid DESC LIMIT ?`;
  const params: unknown[] = [matchExpression(words)];
  if (conversationId !== undefined) params.push(conversationId);
  params.push(limit);
  return db.statement(sql).all(...params) as MessageRow[];
}

/** Read messages with a seq above `floor`, newest first, keeping those containing every word. */
function scan(
  db: PigeonDatabase,
  words: readonly string[],
  limit: number,
  floor: number,
  conversationId?: string,
): MessageRow[] {
  const sql =
    `SELECT ${MESSAGE_COLUMNS_M} FROM messages m WHERE m.seq > ?` +
    (conversationId === undefined ? '' : ' AND m.conversation_id = ?') +
    likeClause.repeat(words.length) +
    notSealedAway +
    ` ORDER BY m.seq DESC LIMIT ?`;
  const params: unknown[] = [floor];
  if (conversationId !== undefined) params.push(conversationId);
  params.push(...words.map(containsPattern), limit);
  return db.statement(sql).all(...params) as MessageRow[];
}
