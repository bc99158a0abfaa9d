// The attachment list that follows `text\0` in SENDMSG|FILEATTACHOPT (interop reference §5):
// `fileID:name:size:mtime:attr[:key=value…]:` + `\a` per entry. fileID is decimal; size,
// mtime and attr are hex. IP Messenger doubles ':' in names; iptux cannot parse that and
// sends its own names unescaped, so the decoder accepts both and the encoder can do both.
// Peers' lists are hostile: decoding never throws and skips what it cannot read.
import { fileTypeOf, FileAttr, FileAttrKey } from './commands';
import { decodeLegacy, encodeText, isValidUtf8, type LegacyEncoding } from './text';

export interface AttachmentExtension {
  /** Key from FileAttrKey (hex on the wire). */
  key: number;
  /** The raw value text after '=' (hex numbers, or several separated by ','). */
  value: string;
}

export interface Attachment {
  /** Decimal on the wire; unique within one offer. */
  fileId: number;
  /** Decoded name as the peer wrote it: NOT safe to use as a path (see transfer/safe-name). */
  name: string;
  /** Bytes (0 for most folders). */
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
  /** FileAttr type in the low byte, flags above. */
  attr: number;
  extensions?: readonly AttachmentExtension[];
}

export interface DecodedAttachments {
  attachments: Attachment[];
  /** Entries that could not be read (or repeated an earlier fileID). */
  malformed: number;
}

/** How names are written: the peer's encoding, and whether it understands `::`. */
export interface WireNameOptions {
  encoding: 'utf8' | LegacyEncoding;
  /** false toward iptux, which rejects a list with `::`; ':' then becomes colonReplacement. */
  escapeColons: boolean;
  /** Default ';', as Windows IP Messenger shows an escaped ':'. */
  colonReplacement?: string;
}

/** How names are read: the message's UTF8OPT and the peer's legacy codepage (text.ts). */
export interface WireNameDecoding {
  utf8Flag: boolean;
  legacy: LegacyEncoding;
}

const SEPARATOR = '\x07';
const UINT32_MAX = 0xffffffff;

/** A hex number of any width (`%x%08x` and `%.9jx` pad differently), up to 2^53 - 1. */
export function parseHexNumber(text: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (!/^[0-9a-f]{1,64}$/i.test(text)) return undefined;
  const digits = text.replace(/^0+(?=.)/, '');
  if (digits.length > 14) return undefined;
  const value = parseInt(digits, 16);
  return value <= max ? value : undefined;
}

function parseDecimalUint32(text: string): number | undefined {
  if (!/^\d{1,10}$/.test(text)) return undefined;
  const value = Number(text);
  return value <= UINT32_MAX ? value : undefined;
}

/** Name bytes (latin1 string, one char per byte) and the hex fields that follow them. */
export interface FileRecord {
  nameBytes: Buffer;
  numbers: number[];
  extensions: AttachmentExtension[];
}

const EXTENSION = /^([0-9a-f]{1,8})=(.*)$/is;

/**
 * The fields of record[start, end) (`n1:n2…[:key=value…]`, trailing ':'s already cut),
 * read one by one and given up at the first bad one: a 64 KB header of junk costs one
 * pass, not an array of thousands of strings.
 */
function finishRecord(
  name: string,
  record: string,
  start: number,
  end: number,
  limits: readonly number[],
): FileRecord | undefined {
  if (name.length === 0) return undefined;
  let pos = end > start ? start : end + 1; // an empty range has no fields at all
  const next = (): string => {
    if (pos > end) return '';
    const colon = record.indexOf(':', pos);
    const stop = colon === -1 || colon > end ? end : colon;
    const token = record.slice(pos, stop);
    pos = stop + 1;
    return token;
  };
  const numbers: number[] = [];
  for (const limit of limits) {
    const value = parseHexNumber(next(), limit);
    if (value === undefined) return undefined;
    numbers.push(value);
  }
  const extensions: AttachmentExtension[] = [];
  while (pos <= end) {
    const match = EXTENSION.exec(next());
    const key = match ? parseHexNumber(match[1] as string, UINT32_MAX) : undefined;
    if (!match || key === undefined) return undefined;
    extensions.push({ key, value: match[2] as string });
  }
  return { nameBytes: Buffer.from(name, 'latin1'), numbers, extensions };
}

/** Where record[from…] ends once trailing ':'s (empty trailing fields) are cut. */
function trimmedEnd(record: string, from: number): number {
  let end = record.length;
  while (end > from && record.charCodeAt(end - 1) === 0x3a) end--;
  return end;
}

/** IP Messenger's reading: the name runs to the first single ':', `::` standing for ':'. */
function parseEscaped(record: string, limits: readonly number[]): FileRecord | undefined {
  let name = '';
  let i = 0;
  for (;;) {
    const colon = record.indexOf(':', i);
    if (colon === -1) return undefined;
    name += record.slice(i, colon);
    if (record[colon + 1] === ':') {
      name += ':';
      i = colon + 2;
      continue;
    }
    i = colon + 1;
    break;
  }
  return finishRecord(name, record, i, trimmedEnd(record, i), limits);
}

/** iptux's writing: raw ':' in the name, so the fields are counted from the right. */
function parseFromRight(record: string, limits: readonly number[]): FileRecord | undefined {
  const end = trimmedEnd(record, 0);
  let left = end > 0 ? 1 : 0; // fields in record[0, end): one more than its ':'s
  for (let i = 0; i < end; i++) if (record.charCodeAt(i) === 0x3a) left++;
  // b: the ':' before the fields consumed so far (end while none is).
  let b = end;
  while (left > 0) {
    const colon = left > 1 ? record.lastIndexOf(':', b - 1) : -1;
    if (!EXTENSION.test(record.slice(colon + 1, b))) break;
    b = colon;
    left--;
  }
  if (left - limits.length < 1) return undefined;
  for (let j = 0; j < limits.length; j++) b = record.lastIndexOf(':', b - 1);
  return finishRecord(record.slice(0, b), record, b + 1, end, limits);
}

/**
 * Reads `name:n1:n2…[:key=value…][:]` (a latin1 string, one char per byte) with
 * limits.length hex numbers after the name. Escaped reading first; if the fields after it
 * do not make sense, the iptux reading. Shared with the directory stream's headers.
 */
export function parseFileRecord(record: string, limits: readonly number[]): FileRecord | undefined {
  return parseEscaped(record, limits) ?? parseFromRight(record, limits);
}

/** Decodes a name's bytes with a choice already made for the whole list or header. */
export function decodeWireName(bytes: Buffer, encoding: 'utf8' | LegacyEncoding): string {
  return encoding === 'utf8' ? bytes.toString('utf8') : decodeLegacy(bytes, encoding);
}

const ATTACHMENT_LIMITS = [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, UINT32_MAX];

/** Parses one `\a`-separated entry; undefined when it cannot be read. */
function parseEntry(entry: string, encoding: 'utf8' | LegacyEncoding): Attachment | undefined {
  const colon = entry.indexOf(':');
  if (colon === -1) return undefined;
  const fileId = parseDecimalUint32(entry.slice(0, colon));
  if (fileId === undefined) return undefined;
  const record = parseFileRecord(entry.slice(colon + 1), ATTACHMENT_LIMITS);
  if (!record) return undefined;
  const [size, mtime, attr] = record.numbers as [number, number, number];
  const name = decodeWireName(record.nameBytes, encoding);
  return { fileId, name, size, mtime, attr, extensions: record.extensions };
}

/**
 * Decodes a raw attachment list (what parseMessageExtra returns). Names are UTF-8 with
 * UTF8OPT or when the whole list is valid UTF-8, else the legacy codepage. Tolerates
 * `\a:` separators, a missing final ':' or `\a`, trailing NULs; never throws.
 */
export function decodeAttachments(list: Uint8Array, opts: WireNameDecoding): DecodedAttachments {
  const result: DecodedAttachments = { attachments: [], malformed: 0 };
  try {
    const bytes = Buffer.from(list.buffer, list.byteOffset, list.byteLength);
    const nul = bytes.indexOf(0);
    const body = nul === -1 ? bytes : bytes.subarray(0, nul);
    const encoding = opts.utf8Flag || isValidUtf8(body) ? 'utf8' : opts.legacy;
    const seen = new Set<number>();
    for (const raw of body.toString('latin1').split(SEPARATOR)) {
      // `\a:` writers leave a ':' in front of the next entry; a fileID never starts so.
      const entry = raw.replace(/^[:\r\n ]+/, '');
      if (entry === '') continue;
      const attachment = parseEntry(entry, encoding);
      if (!attachment || seen.has(attachment.fileId)) {
        result.malformed++;
        continue;
      }
      seen.add(attachment.fileId);
      result.attachments.push(attachment);
    }
  } catch {
    // Defensive: nothing above is expected to throw on any input.
    result.malformed++;
  }
  return result;
}

/**
 * A name as bytes for the wire: control characters (NUL would end the list, BEL split it)
 * become '_', ':' is doubled or replaced. Characters the codepage lacks become '?'.
 */
export function encodeWireName(name: string, opts: WireNameOptions): Buffer {
  const replacement = opts.colonReplacement ?? ';';
  if (replacement.includes(':') || /[\0-\x1f\x7f]/.test(replacement)) {
    throw new RangeError('colonReplacement must not contain ":" or control characters');
  }
  const clean = name.replace(/[\0-\x1f\x7f]/g, '_');
  const escaped = opts.escapeColons
    ? clean.replace(/:/g, '::')
    : clean.split(':').join(replacement);
  return encodeText(escaped, opts.encoding);
}

function checkNumber(label: string, value: number, max: number): string {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${label} must be an integer in 0..${max}, got ${value}`);
  }
  return value.toString(16);
}

/**
 * Encodes attachments as `fileID:name:size:mtime:attr[:key=value…]:\a` each (IP Messenger's
 * layout). Throws RangeError only for values no correct caller produces (a bug).
 */
export function encodeAttachments(list: readonly Attachment[], opts: WireNameOptions): Buffer {
  const parts: Buffer[] = [];
  for (const a of list) {
    if (a.name.length === 0) throw new RangeError('attachment name must not be empty');
    if (!Number.isInteger(a.fileId) || a.fileId < 0 || a.fileId > UINT32_MAX) {
      throw new RangeError(`fileId must be a uint32, got ${a.fileId}`);
    }
    let tail = [
      checkNumber('size', a.size, Number.MAX_SAFE_INTEGER),
      checkNumber('mtime', a.mtime, Number.MAX_SAFE_INTEGER),
      checkNumber('attr', a.attr, UINT32_MAX),
    ].join(':');
    for (const ext of a.extensions ?? []) {
      if (/[:\0-\x1f\x7f]/.test(ext.value)) {
        throw new RangeError('extension values must not contain ":" or control characters');
      }
      tail += `:${checkNumber('extension key', ext.key, UINT32_MAX)}=${ext.value}`;
    }
    parts.push(
      Buffer.from(`${a.fileId}:`, 'latin1'),
      encodeWireName(a.name, opts),
      Buffer.from(`:${tail}:${SEPARATOR}`, 'latin1'),
    );
  }
  return Buffer.concat(parts);
}

export type AttachmentKind = 'file' | 'directory' | 'clipboard' | 'other';

/** What an attachment is, by the type in its attr's low byte. */
export function attachmentKind(attachment: Pick<Attachment, 'attr'>): AttachmentKind {
  switch (fileTypeOf(attachment.attr)) {
    case FileAttr.REGULAR:
      return 'file';
    case FileAttr.DIR:
      return 'directory';
    case FileAttr.CLIPBOARD:
      return 'clipboard';
    default:
      return 'other';
  }
}

/** The character offset in the message text where an inline image belongs (`8=<hex>`). */
export function clipboardPosition(attachment: Attachment): number | undefined {
  const ext = attachment.extensions?.find((e) => e.key === FileAttrKey.CLIPBOARDPOS);
  return ext ? parseHexNumber(ext.value, UINT32_MAX) : undefined;
}
