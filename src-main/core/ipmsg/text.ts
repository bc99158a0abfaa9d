// Text encodings on the wire. Peers send UTF-8 (Pigeon, IP Messenger 4.x with UTF8OPT,
// iptux) or a Windows ANSI codepage without any marker (FeiQ, old IP Messenger), so the
// receive side has to guess and the send side has to pick per peer.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { hasOption, Opt } from './commands';
import { detectClient } from './client';

/** Codepages a peer may use without saying so. gb18030 is a superset of GBK. */
export type LegacyEncoding = 'gb18030' | 'gbk' | 'cp932' | 'big5';

export const LEGACY_ENCODINGS: readonly LegacyEncoding[] = ['gb18030', 'gbk', 'cp932', 'big5'];

export function isLegacyEncoding(value: unknown): value is LegacyEncoding {
  return typeof value === 'string' && (LEGACY_ENCODINGS as readonly string[]).includes(value);
}

/** How to write text toward one peer: the bytes, and whether to set UTF8OPT. */
export type OutgoingTextEncoding = { encoding: 'utf8' | LegacyEncoding; utf8Flag: boolean };

/** Strict UTF-8 check (no overlongs, no surrogates); pure ASCII counts as valid. */
export function isValidUtf8(buf: Uint8Array): boolean {
  return isUtf8(buf);
}

/**
 * iconv-lite turns some unassigned GB18030 four-byte sequences (`ef 30 9a 30`) into lone
 * surrogates; such a string is not text (SQLite and UTF-8 store it as U+FFFD, so a name
 * would change between memory and disk). Found by the fuzzer; see docs/fuzzing.md.
 * String.prototype.toWellFormed (ES2024, Node 20) replaces them with U+FFFD in one pass.
 */
type WellFormable = string & { toWellFormed(): string };

/** A legacy codepage's bytes as well-formed text (undecodable bytes become U+FFFD). */
export function decodeLegacy(bytes: Buffer, encoding: LegacyEncoding): string {
  return (iconv.decode(bytes, encoding) as WellFormable).toWellFormed();
}

/**
 * Receive policy: UTF8OPT means UTF-8; otherwise bytes that are valid UTF-8 are UTF-8
 * (real GBK/CP932 text almost never is); everything else is the legacy codepage.
 * Undecodable bytes become U+FFFD; this never throws.
 */
export function decodeText(
  bytes: Uint8Array,
  opts: { utf8Flag: boolean; legacy: LegacyEncoding },
): string {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  if (opts.utf8Flag || isUtf8(buf)) return buf.toString('utf8');
  return decodeLegacy(buf, opts.legacy);
}

/**
 * The codepage to read a peer's unflagged non-UTF-8 bytes with: FeiQ always writes GBK
 * (read as gb18030, its superset), whatever the user's own setting; others get `fallback`.
 */
export function legacyEncodingFor(version: string, fallback: LegacyEncoding): LegacyEncoding {
  return detectClient(version) === 'feiq' ? 'gb18030' : fallback;
}

/** Characters a legacy codepage cannot hold become '?'. */
export function encodeText(text: string, encoding: 'utf8' | LegacyEncoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  return iconv.encode(text, encoding);
}

/**
 * Send policy: a peer that advertises CAPUTF8OPT gets UTF-8 with UTF8OPT; iptux gets
 * UTF-8 without the flag (it ignores it); FeiQ (`_lbt`) gets GBK; another Pigeon gets
 * UTF-8 with the flag; anyone else gets the user's legacy codepage.
 */
export function chooseOutgoingEncoding(
  peer: { version: string; capabilities: number },
  legacy: LegacyEncoding,
  /** The encoding our own entry implied (see entryEncoding): iptux decodes our text with it. */
  ownEntryEncoding: LegacyEncoding | 'utf8' = 'utf8',
): OutgoingTextEncoding {
  if (hasOption(peer.capabilities, Opt.CAPUTF8OPT)) return { encoding: 'utf8', utf8Flag: true };
  if (peer.version.includes('iptux')) return { encoding: ownEntryEncoding, utf8Flag: false };
  if (peer.version.includes('_lbt')) return { encoding: 'gbk', utf8Flag: false };
  if (detectClient(peer.version) === 'pigeon') return { encoding: 'utf8', utf8Flag: true };
  return { encoding: legacy, utf8Flag: false };
}
