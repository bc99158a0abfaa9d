// Long text goes out as several SENDMSGs, because nobody reassembles fragments and iptux
// cuts datagrams at 8 KB. Chunks are cut between user-perceived characters (grapheme
// clusters), preferably after a line break or a space, and joined they give back the text.
import { encodeText, type LegacyEncoding } from './text';

/** Below this a single character may not fit (UTF-8 uses up to 4 bytes per code point). */
const MIN_CHUNK_BYTES = 4;
/** A line break is used as the cut if the chunk keeps at least this share of the budget. */
const LINE_BREAK_MIN_FILL = 0.5;
/** Likewise for a space, which is a weaker boundary. */
const SPACE_MIN_FILL = 0.75;

type Unit = { text: string; bytes: number };

let segmenter: Intl.Segmenter | null | undefined;

/**
 * V8's segmenter slows down with the length of the string it walks (quadratic in
 * practice: 90 000 characters take ~20 s), so the text is segmented in windows.
 * A window's last cluster may have been cut by the window's end, so it is carried over
 * and re-read at the start of the next window; every earlier boundary is final because
 * a grapheme break depends only on what precedes it and the one character after it.
 */
const SEGMENT_WINDOW = 1024;

function graphemes(text: string): string[] {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl.Segmenter === 'function'
        ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
        : null;
  }
  if (segmenter === null) return Array.from(text); // code points: still never splits a pair
  const result: string[] = [];
  let start = 0;
  let window = SEGMENT_WINDOW;
  while (start < text.length) {
    const end = Math.min(text.length, start + window);
    const segments = Array.from(segmenter.segment(text.slice(start, end)), (s) => s.segment);
    if (end === text.length) {
      for (const g of segments) result.push(g);
      break;
    }
    const last = segments.pop();
    if (last === undefined || segments.length === 0) {
      window *= 2; // one cluster fills the window: look further
      continue;
    }
    for (const g of segments) result.push(g);
    start = end - last.length;
    window = SEGMENT_WINDOW;
  }
  return result;
}

function byteSizer(encoding: 'utf8' | LegacyEncoding): (s: string) => number {
  if (encoding === 'utf8') return (s) => Buffer.byteLength(s, 'utf8');
  const cache = new Map<string, number>();
  return (s) => {
    if (s.length === 1 && s.charCodeAt(0) < 0x80) return 1;
    let size = cache.get(s);
    if (size === undefined) {
      size = encodeText(s, encoding).length;
      cache.set(s, size);
    }
    return size;
  };
}

/** Graphemes, except that one larger than the budget (combining-mark spam) is cut into code points. */
function units(text: string, maxBytes: number, sizeOf: (s: string) => number): Unit[] {
  const result: Unit[] = [];
  for (const g of graphemes(text)) {
    const bytes = sizeOf(g);
    if (bytes <= maxBytes) {
      result.push({ text: g, bytes });
    } else {
      for (const cp of Array.from(g)) result.push({ text: cp, bytes: sizeOf(cp) });
    }
  }
  return result;
}

const isLineBreak = (u: Unit): boolean => u.text === '\n' || u.text === '\r\n' || u.text === '\r';
const isSpace = (u: Unit): boolean => /^\s+$/u.test(u.text);

/** How many leading units of `chunk` to send now. */
function cutPoint(chunk: Unit[], maxBytes: number): number {
  let lineCut = -1;
  let spaceCut = -1;
  let prefix = 0;
  for (let i = 0; i < chunk.length; i++) {
    const unit = chunk[i] as Unit;
    prefix += unit.bytes;
    if (isLineBreak(unit) && prefix >= maxBytes * LINE_BREAK_MIN_FILL) lineCut = i + 1;
    else if (isSpace(unit) && prefix >= maxBytes * SPACE_MIN_FILL) spaceCut = i + 1;
  }
  if (lineCut > 0) return lineCut;
  if (spaceCut > 0) return spaceCut;
  return chunk.length;
}

/**
 * Splits `text` into chunks whose encoding in `encoding` takes at most `maxBytes` bytes.
 * Pass the budget left for the text itself (datagram limit minus header minus the NUL).
 * Always returns at least one chunk; `chunks.join('') === text`.
 * Throws RangeError if `maxBytes` is below 4 (a caller bug: one character may not fit).
 */
export function splitText(
  text: string,
  maxBytes: number,
  encoding: 'utf8' | LegacyEncoding,
): string[] {
  if (!Number.isInteger(maxBytes) || maxBytes < MIN_CHUNK_BYTES) {
    throw new RangeError(`maxBytes must be an integer >= ${MIN_CHUNK_BYTES}, got ${maxBytes}`);
  }
  const sizeOf = byteSizer(encoding);
  if (encodeText(text, encoding).length <= maxBytes) return [text];

  const chunks: string[] = [];
  let current: Unit[] = [];
  let currentBytes = 0;
  for (const unit of units(text, maxBytes, sizeOf)) {
    while (current.length > 0 && currentBytes + unit.bytes > maxBytes) {
      const cut = cutPoint(current, maxBytes);
      chunks.push(
        current
          .slice(0, cut)
          .map((u) => u.text)
          .join(''),
      );
      current = current.slice(cut);
      currentBytes = current.reduce((sum, u) => sum + u.bytes, 0);
    }
    current.push(unit);
    currentBytes += unit.bytes;
  }
  if (current.length > 0) chunks.push(current.map((u) => u.text).join(''));
  return chunks;
}
