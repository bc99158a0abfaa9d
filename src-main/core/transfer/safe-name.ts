// Names from peers become file names in the user's download folder. Every one is hostile:
// it may climb (`..`), be absolute (`/etc/x`, `C:\x`, `\\server\x`), hide control or
// direction-override characters, be reserved on Windows (CON, LPT1 …), be too long, or be
// empty. safeFileName makes it one plain, portable name; the unique* helpers never overwrite.
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

export interface SafeNameOptions {
  /** UTF-8 byte cap (default 255, what common file systems allow). */
  maxBytes?: number;
  /** Used when nothing usable is left (default 'unnamed'). */
  fallback?: string;
}

const DEFAULT_MAX_BYTES = 255;
const LONGEST_KEPT_EXTENSION = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** C0/C1 controls, direction marks and overrides (which can disguise `gpj.exe` as `exe.jpg`). */
const INVISIBLE = /[\0-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Not allowed in Windows names; replaced everywhere so a name means the same on every OS. */
const WINDOWS_INVALID = /[<>:"|?*]/g;
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Cuts to at most maxBytes of UTF-8 without splitting a character. */
function cutToBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const size = byteLength(char);
    if (used + size > maxBytes) break;
    out += char;
    used += size;
  }
  return out;
}

function splitExtension(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return { stem: name, extension: '' };
  return { stem: name.slice(0, dot), extension: name.slice(dot) };
}

/** Shortens the stem first, so `report.pdf` stays a PDF when it has to be cut. */
function fitName(name: string, maxBytes: number): string {
  if (byteLength(name) <= maxBytes) return name;
  const { stem, extension } = splitExtension(name);
  if (extension !== '' && byteLength(extension) <= LONGEST_KEPT_EXTENSION) {
    const room = maxBytes - byteLength(extension);
    if (room > 0) return cutToBytes(stem, room) + extension;
  }
  return cutToBytes(name, maxBytes);
}

const TRAILING = /[.\s]/;

/**
 * Drops leading white space and trailing dots and white space. A loop, not `/[. \s]+$/`:
 * that regex retries from every dot of a long run, quadratic on names a peer chooses.
 */
function trimEnds(name: string): string {
  const start = name.trimStart();
  let end = start.length;
  while (end > 0 && TRAILING.test(start.charAt(end - 1))) end -= 1;
  return start.slice(0, end);
}

function isReserved(name: string): boolean {
  return RESERVED.test((name.split('.')[0] ?? '').trimEnd());
}

/**
 * One safe file name: the last path segment only, no control or invisible characters, no
 * Windows-invalid ones, no trailing dots or spaces, Windows-reserved names prefixed with
 * '_', at most maxBytes of UTF-8, never empty, never `.` or `..`.
 */
export function safeFileName(name: string, opts: SafeNameOptions = {}): string {
  const maxBytes = Math.max(16, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  const fallback = opts.fallback ?? 'unnamed';
  const text = String(name).replace(LONE_SURROGATE, '_').normalize('NFC');
  const segments = text.split(/[\\/]+/).filter((s) => s !== '');
  let safe = trimEnds(
    (segments[segments.length - 1] ?? '').replace(INVISIBLE, '_').replace(WINDOWS_INVALID, '_'),
  );
  if (safe === '' || /^\.+$/.test(safe)) return fallback;
  safe = trimEnds(fitName(safe, maxBytes));
  // Checked after the cut: cutting `CON¡..x` to fit can leave `CON.x`. The '_' goes in
  // front, which the cut (from the end) keeps, so the result is never reserved.
  if (isReserved(safe)) safe = trimEnds(fitName(`_${safe}`, maxBytes));
  return safe === '' ? fallback : safe;
}

/** `name (n).ext`, still within the byte cap: "report.pdf" → "report (2).pdf". */
export function numberedName(name: string, n: number, maxBytes = DEFAULT_MAX_BYTES): string {
  const { stem, extension } = splitExtension(name);
  const suffix = ` (${n})${extension}`;
  const room = maxBytes - byteLength(suffix);
  if (room <= 0) return cutToBytes(`${n}`, maxBytes);
  return `${trimEnds(cutToBytes(stem, room)) || '_'}${suffix}`;
}

/**
 * True when `path` lies strictly inside `dir` (after resolving `..`). Only a first
 * segment that is exactly `..` climbs: `..2024` is a name like any other.
 */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  const climbs = rel === '..' || rel.startsWith(`..${sep}`);
  return rel !== '' && !climbs && !isAbsolute(rel);
}

const MAX_ATTEMPTS = 10_000;

function isExists(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EEXIST' || code === 'EISDIR';
}

/**
 * Creates and opens a new file `dir/name`, or `name (1)`, `name (2)` … if taken. Opening
 * with 'wx' makes the choice atomic: two transfers can never get the same file, and
 * nothing existing is ever truncated. `name` must already be safe (safeFileName).
 */
export async function openUnique(
  dir: string,
  name: string,
): Promise<{ path: string; handle: FileHandle }> {
  for (let n = 0; n < MAX_ATTEMPTS; n++) {
    const path = join(dir, n === 0 ? name : numberedName(name, n));
    try {
      return { path, handle: await open(path, 'wx') };
    } catch (error) {
      if (!isExists(error)) throw error;
    }
  }
  throw new Error(`no free name for ${name} in ${dir}`);
}

/** Reserves a new, empty file as openUnique does, and returns its path. */
export async function uniquePath(dir: string, name: string): Promise<string> {
  const { path, handle } = await openUnique(dir, name);
  await handle.close();
  return path;
}

/** Creates a new folder `dir/name`, or `name (1)` … if taken (mkdir is atomic too). */
export async function uniqueDirectory(dir: string, name: string): Promise<string> {
  for (let n = 0; n < MAX_ATTEMPTS; n++) {
    const path = join(dir, n === 0 ? name : numberedName(name, n));
    try {
      await mkdir(path);
      return path;
    } catch (error) {
      if (!isExists(error)) throw error;
    }
  }
  throw new Error(`no free folder name for ${name} in ${dir}`);
}
