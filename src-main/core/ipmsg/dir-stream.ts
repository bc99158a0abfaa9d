// The GETDIRFILES reply (interop reference §5): a stream of `HHHH:name:size:attr[:key=value…]:`
// headers, HHHH being the header's own length in 4 hex digits; regular files are followed by
// their contents, DIR descends, RETPARENT (name '.') climbs; the stream starts with the
// offered folder and ends with its RETPARENT. The parser is fed arbitrary chunks and never
// holds file contents. Pure, like the rest of the codec: transfer/folder-walker reads folders.
import {
  decodeWireName,
  encodeWireName,
  parseFileRecord,
  parseHexNumber,
  type AttachmentExtension,
  type WireNameDecoding,
  type WireNameOptions,
} from './attachments';
import { FileAttr, FileAttrKey, fileTypeOf } from './commands';
import { isValidUtf8 } from './text';

export type DirEntryKind = 'file' | 'directory' | 'parent' | 'other';

export interface DirStreamEntry {
  kind: DirEntryKind;
  /** Decoded as the peer wrote it: NOT safe to use as a path (see transfer/safe-name). */
  name: string;
  /** Content bytes that follow ('file' and 'other'); 0 for folders. */
  size: number;
  attr: number;
  /** Seconds since the epoch, from the MTIME (0x14) extension. */
  mtime?: number;
  extensions: AttachmentExtension[];
}

/**
 * What a chunk contained, in order. A 'file' or 'other' entry is followed by its 'data'
 * (views into the pushed chunk, not copies) and a 'file-end'; 'end' follows the RETPARENT
 * that closes the offered folder. After 'error' or 'end' the parser ignores further input.
 */
export type DirStreamEvent =
  | { type: 'entry'; entry: DirStreamEntry }
  | { type: 'data'; bytes: Buffer }
  | { type: 'file-end' }
  | { type: 'end' }
  | { type: 'error'; reason: string };

export interface DirStreamParserOptions extends WireNameDecoding {
  /** Folders nested deeper than this are refused (default 64). */
  maxDepth?: number;
}

const PREFIX_LENGTH = 5; // "HHHH:"
const MIN_HEADER_LENGTH = 11; // "HHHH:n:0:1:"
const MAX_HEADER_LENGTH = 0xffff;
const HEADER_LIMITS = [Number.MAX_SAFE_INTEGER, 0xffffffff];

function kindOf(attr: number): DirEntryKind {
  switch (fileTypeOf(attr)) {
    case FileAttr.REGULAR:
      return 'file';
    case FileAttr.DIR:
      return 'directory';
    case FileAttr.RETPARENT:
      return 'parent';
    default:
      return 'other';
  }
}

/** Incremental parser; push() is synchronous, so a consumer can pause its socket around it. */
export class DirStreamParser {
  private state: 'header' | 'contents' | 'done' | 'failed' = 'header';
  /** The header being read: its 5-byte prefix, then the whole header once its length is known. */
  private header = Buffer.alloc(PREFIX_LENGTH);
  private filled = 0;
  private headerLength = 0;
  private remaining = 0;
  private level = 0;
  private readonly maxDepth: number;

  constructor(private readonly options: DirStreamParserOptions) {
    this.maxDepth = options.maxDepth ?? 64;
  }

  /** Folder depth below the offered folder's parent (1 inside the offered folder). */
  get depth(): number {
    return this.level;
  }

  /** True once the closing RETPARENT arrived. */
  get done(): boolean {
    return this.state === 'done';
  }

  push(chunk: Buffer): DirStreamEvent[] {
    const events: DirStreamEvent[] = [];
    let offset = 0;
    while (offset < chunk.length && (this.state === 'header' || this.state === 'contents')) {
      if (this.state === 'contents') {
        const n = Math.min(this.remaining, chunk.length - offset);
        events.push({ type: 'data', bytes: chunk.subarray(offset, offset + n) });
        offset += n;
        this.remaining -= n;
        if (this.remaining === 0) {
          events.push({ type: 'file-end' });
          this.state = 'header';
        }
        continue;
      }
      offset = this.takeHeaderBytes(chunk, offset, events);
    }
    return events;
  }

  /** Call at end of input: an error unless the stream was complete. */
  finish(): DirStreamEvent[] {
    if (this.state === 'done' || this.state === 'failed') return [];
    return [this.fail('the folder stream ended early')];
  }

  private fail(reason: string): DirStreamEvent {
    this.state = 'failed';
    this.filled = 0;
    return { type: 'error', reason };
  }

  /**
   * Copies header bytes into a buffer sized once from the prefix: growing it per chunk
   * (Buffer.concat) made a 64 KB header sent a byte at a time cost 2 GB of copying.
   */
  private takeHeaderBytes(chunk: Buffer, offset: number, events: DirStreamEvent[]): number {
    const wanted = (this.headerLength || PREFIX_LENGTH) - this.filled;
    const take = Math.min(wanted, chunk.length - offset);
    chunk.copy(this.header, this.filled, offset, offset + take);
    this.filled += take;
    const next = offset + take;
    if (this.headerLength === 0 && this.filled === PREFIX_LENGTH) {
      const prefix = this.header.toString('latin1', 0, PREFIX_LENGTH);
      const length = prefix[4] === ':' ? parseHexNumber(prefix.slice(0, 4)) : undefined;
      if (length === undefined || length < MIN_HEADER_LENGTH || length > MAX_HEADER_LENGTH) {
        events.push(this.fail(`bad header length ${JSON.stringify(prefix)}`));
        return next;
      }
      const whole = Buffer.alloc(length);
      this.header.copy(whole, 0, 0, PREFIX_LENGTH);
      this.header = whole;
      this.headerLength = length;
    }
    if (this.headerLength !== 0 && this.filled === this.headerLength) {
      const header = this.header;
      this.header = Buffer.alloc(PREFIX_LENGTH);
      this.filled = 0;
      this.headerLength = 0;
      this.acceptHeader(header, events);
    }
    return next;
  }

  private acceptHeader(header: Buffer, events: DirStreamEvent[]): void {
    const record = parseFileRecord(header.toString('latin1', PREFIX_LENGTH), HEADER_LIMITS);
    if (!record) {
      events.push(this.fail('unreadable header'));
      return;
    }
    const [size, attr] = record.numbers as [number, number];
    const kind = kindOf(attr);
    const encoding =
      this.options.utf8Flag || isValidUtf8(record.nameBytes) ? 'utf8' : this.options.legacy;
    const mtimeText = record.extensions.find((e) => e.key === FileAttrKey.MTIME)?.value;
    const mtime = mtimeText === undefined ? undefined : parseHexNumber(mtimeText);
    const entry: DirStreamEntry = {
      kind,
      name: decodeWireName(record.nameBytes, encoding),
      size: kind === 'directory' || kind === 'parent' ? 0 : size,
      attr,
      ...(mtime === undefined ? {} : { mtime }),
      extensions: record.extensions,
    };
    if (this.level === 0 && kind !== 'directory') {
      events.push(this.fail('the folder stream must start with a folder'));
      return;
    }
    if (kind === 'directory' && this.level >= this.maxDepth) {
      events.push(this.fail(`folders nested deeper than ${this.maxDepth}`));
      return;
    }
    events.push({ type: 'entry', entry });
    if (kind === 'directory') this.level++;
    else if (kind === 'parent') {
      this.level--;
      if (this.level === 0) {
        this.state = 'done';
        events.push({ type: 'end' });
      }
    } else if (entry.size === 0) events.push({ type: 'file-end' });
    else {
      this.remaining = entry.size;
      this.state = 'contents';
    }
  }
}

export interface DirHeaderFields {
  name: string;
  size: number;
  attr: number;
  mtime?: number;
  createTime?: number;
}

/**
 * One header. The size is hex padded to 9 digits, which is what both IP Messenger's
 * `%x%08x` and iptux's `%.9jx` produce. Throws RangeError if it exceeds 0xFFFF bytes.
 */
export function encodeDirHeader(fields: DirHeaderFields, names: WireNameOptions): Buffer {
  for (const value of [fields.size, fields.attr, fields.mtime ?? 0, fields.createTime ?? 0]) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`header numbers must be non-negative integers, got ${value}`);
    }
  }
  let tail = `:${fields.size.toString(16).padStart(9, '0')}:${fields.attr.toString(16)}:`;
  if (fields.mtime !== undefined) {
    tail += `${FileAttrKey.MTIME.toString(16)}=${fields.mtime.toString(16)}:`;
  }
  if (fields.createTime !== undefined) {
    tail += `${FileAttrKey.CREATETIME.toString(16)}=${fields.createTime.toString(16)}:`;
  }
  const body = Buffer.concat([encodeWireName(fields.name, names), Buffer.from(tail, 'latin1')]);
  const length = PREFIX_LENGTH + body.length;
  if (length > MAX_HEADER_LENGTH) throw new RangeError(`header of ${length} bytes is too long`);
  return Buffer.concat([Buffer.from(`${length.toString(16).padStart(4, '0')}:`, 'latin1'), body]);
}

/** The header that climbs back out of a folder. */
export function encodeParentHeader(names: WireNameOptions): Buffer {
  return encodeDirHeader({ name: '.', size: 0, attr: FileAttr.RETPARENT }, names);
}
