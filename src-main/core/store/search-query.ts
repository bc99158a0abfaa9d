import { StoreError } from './store-error';

/** A query longer than this is refused rather than searched. */
export const MAX_QUERY_CHARS = 500;
/** Each word becomes a condition; more than this is refused rather than half-searched. */
export const MAX_QUERY_WORDS = 16;
/** Words this long or longer use the trigram index; shorter ones are scanned for. */
export const INDEXED_WORD_CHARS = 3;

/**
 * A search, split into words that must all appear (as substrings, any order).
 * `indexed` words are 3+ characters (the trigram index finds them); `scanned` words
 * are 1–2 characters (common in Chinese), which the index cannot find.
 */
export interface SearchWords {
  indexed: string[];
  scanned: string[];
}

/** Split what the user typed into words; whitespace and control characters separate them. */
export function parseSearchQuery(query: string): SearchWords {
  if (query.length > MAX_QUERY_CHARS)
    throw new StoreError('invalid', `A search can be at most ${MAX_QUERY_CHARS} characters long.`);
  const seen = new Set<string>();
  const words: SearchWords = { indexed: [], scanned: [] };
  for (const word of query.split(/[\s\p{Cc}]+/u)) {
    const key = word.toLowerCase();
    if (word.length === 0 || seen.has(key)) continue;
    seen.add(key);
    // Count characters, not UTF-16 units: the tokenizer counts code points.
    if ([...word].length >= INDEXED_WORD_CHARS) words.indexed.push(word);
    else words.scanned.push(word);
  }
  if (seen.size > MAX_QUERY_WORDS)
    throw new StoreError('invalid', `A search can have at most ${MAX_QUERY_WORDS} words.`);
  return words;
}

/**
 * An FTS5 MATCH expression requiring every word as a phrase. Inside double quotes
 * FTS5 operators (OR, AND, NOT, NEAR, *, ^, column:) are plain text; a double
 * quote is escaped by doubling it.
 */
export function matchExpression(words: readonly string[]): string {
  return words.map((word) => `"${word.replaceAll('"', '""')}"`).join(' ');
}

/** The escape character used with every LIKE pattern built here. */
export const LIKE_ESCAPE = '\\';

/** A LIKE pattern finding `word` anywhere, with `%`, `_` and the escape itself taken literally. */
export function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => LIKE_ESCAPE + c)}%`;
}
