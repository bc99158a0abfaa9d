/** Texts up to this many characters are shown whole; longer ones are cut around the match. */
export const SNIPPET_CHARS = 80;
/** How much text to keep before the match, so the hit reads in context. */
const LEAD_CHARS = 20;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text on one line for a result list: whole when short, else an excerpt around
 * the first place any word appears, with "…" where it was cut.
 */
export function snippetOf(text: string, words: readonly string[]): string {
  const chars = [...text];
  if (chars.length <= SNIPPET_CHARS) return oneLine(text);
  let first = -1;
  for (const word of words) {
    const found = new RegExp(escapeRegExp(word), 'iu').exec(text);
    if (found && (first < 0 || found.index < first)) first = found.index;
  }
  // Convert the UTF-16 offset to characters so a surrogate pair is never cut in half.
  const at = first < 0 ? 0 : [...text.slice(0, first)].length;
  const end = Math.min(chars.length, Math.max(0, at - LEAD_CHARS) + SNIPPET_CHARS);
  const start = Math.max(0, end - SNIPPET_CHARS);
  const middle = oneLine(chars.slice(start, end).join(''));
  return `${start > 0 ? '…' : ''}${middle}${end < chars.length ? '…' : ''}`;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ');
