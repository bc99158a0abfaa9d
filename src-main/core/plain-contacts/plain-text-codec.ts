// Text as a plain UDP program sends it: the bare bytes of the text, no header, no
// terminator, in the encoding the user chose for the contact. Nobody reassembles
// fragments, so long text goes out as several datagrams cut between characters.
import iconv from 'iconv-lite';
import { splitText } from '../ipmsg/split-text';
import { decodeLegacy } from '../ipmsg/text';
import type { PlainEncoding } from '../../../src-shared/contract';

/** The largest datagram Pigeon sends or accepts on a plain UDP channel (iptux's limit too). */
export const MAX_PLAIN_DATAGRAM = 8192;

/**
 * The largest datagram Pigeon sends to a plain contact. The programs socket tutorials
 * teach read with recvfrom(1024) and silently lose whatever does not fit, so longer
 * text goes out as several datagrams of at most this size.
 */
export const PLAIN_SEND_BYTES = 1024;

/** Below this one character may not fit in a datagram (UTF-8 needs up to 4 bytes). */
export const MIN_PLAIN_DATAGRAM = 16;

export interface EncodedPlainText {
  /** One datagram each, in order; empty for empty text. */
  datagrams: Buffer[];
  /** Characters the encoding cannot hold; they went out as '?'. */
  unrepresentable: number;
}

const QUESTION_MARK = 0x3f;

function encode(text: string, encoding: PlainEncoding): Buffer {
  return encoding === 'utf8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'gbk');
}

/** How many code points GBK cannot hold (iconv-lite writes each as a single '?'). */
function countUnrepresentable(text: string, encoding: PlainEncoding): number {
  if (encoding === 'utf8') return 0; // lone surrogates aside, UTF-8 holds everything
  const verdicts = new Map<string, boolean>();
  let count = 0;
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) continue;
    let lost = verdicts.get(char);
    if (lost === undefined) {
      const bytes = iconv.encode(char, 'gbk');
      lost = bytes.length === 1 && bytes[0] === QUESTION_MARK;
      verdicts.set(char, lost);
    }
    if (lost) count += 1;
  }
  return count;
}

/**
 * Encodes `text` into datagrams of at most `maxBytes` bytes each, cut between
 * user-perceived characters (preferably after a line break or space), so that the
 * receiver's decoded datagrams, joined, give back the text.
 */
export function encodePlainText(
  text: string,
  encoding: PlainEncoding,
  maxBytes: number = MAX_PLAIN_DATAGRAM,
): EncodedPlainText {
  if (!Number.isInteger(maxBytes) || maxBytes < MIN_PLAIN_DATAGRAM) {
    throw new RangeError(`maxBytes must be an integer >= ${MIN_PLAIN_DATAGRAM}, got ${maxBytes}`);
  }
  if (text === '') return { datagrams: [], unrepresentable: 0 };
  const chunks = splitText(text, Math.min(maxBytes, MAX_PLAIN_DATAGRAM), encoding);
  return {
    datagrams: chunks.map((chunk) => encode(chunk, encoding)),
    unrepresentable: countUnrepresentable(text, encoding),
  };
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Decodes one received datagram. Never throws: invalid bytes become U+FFFD. Trailing
 * NUL bytes are dropped (C programs often send the string's terminator too); a UTF-8
 * byte-order mark is dropped as well. GBK is read as GB18030, its superset (well formed:
 * see decodeLegacy).
 */
export function decodePlainText(bytes: Uint8Array, encoding: PlainEncoding): string {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end -= 1;
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, end);
  try {
    return encoding === 'utf8' ? utf8Decoder.decode(body) : decodeLegacy(body, 'gb18030');
  } catch {
    // Defensive: neither decoder is known to throw on bad input, but a hostile
    // datagram must never take the receive path down.
    return Buffer.from(body).toString('latin1');
  }
}

/** Text for a stream (TCP): the whole text's bytes as-is, nothing added or cut. */
export function encodePlainStream(
  text: string,
  encoding: PlainEncoding,
): { bytes: Buffer; unrepresentable: number } {
  return { bytes: encode(text, encoding), unrepresentable: countUnrepresentable(text, encoding) };
}
