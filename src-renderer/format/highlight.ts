/** A piece of a snippet: matched pieces are shown marked. */
export interface TextPart {
  text: string;
  match: boolean;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words of a query, as the search itself splits them (whitespace separates). */
export function queryWords(query: string): string[] {
  const words = query.split(/[\s\p{Cc}]+/u).filter((word) => word.length > 0);
  return [...new Set(words)];
}

/**
 * Split a snippet into plain and matched parts for every word of the query, ignoring
 * case. The parts are text for React to render: nothing here is ever HTML.
 */
export function highlightParts(snippet: string, query: string): TextPart[] {
  const words = queryWords(query);
  if (words.length === 0 || snippet.length === 0) return [{ text: snippet, match: false }];
  // Longest first, so "hello" wins over "he" where both match at one place.
  const pattern = words
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  const finder = new RegExp(pattern, 'giu');
  const parts: TextPart[] = [];
  let from = 0;
  for (const found of snippet.matchAll(finder)) {
    const at = found.index;
    if (found[0].length === 0) continue;
    if (at > from) parts.push({ text: snippet.slice(from, at), match: false });
    parts.push({ text: found[0], match: true });
    from = at + found[0].length;
  }
  if (from < snippet.length) parts.push({ text: snippet.slice(from), match: false });
  return parts.length > 0 ? parts : [{ text: snippet, match: false }];
}
