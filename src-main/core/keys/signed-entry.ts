// Pigeon's entry extension: four lines in the entry's UTF-8 block that other clients skip
// as unknown keys.
//   KS:<signing key>  KA:<agreement key>  KT:<ms since 1970>  KG:<signature>
// (keys and signature in base64url). The signature covers the header's user and host,
// both keys and the time, so an entry cannot be re-labelled as another peer, and an old
// one replayed cannot pass for a new one (see key-book.ts for what "new" means).
import { headerField } from '../ipmsg/packet';
import { signWith, verifySigned, type Identity, type PublicKeys } from './identity';

export interface SignedEntry {
  keys: PublicKeys;
  timestamp: number;
}

/** What an entry says about its sender's keys. */
export type EntrySignature =
  { kind: 'none' } | { kind: 'bad' } | ({ kind: 'signed' } & SignedEntry);

export interface EntryKeyLines {
  KS?: string;
  KA?: string;
  KT?: string;
  KG?: string;
}

const CONTEXT = 'pigeon-entry/1';
const B64URL = /^[\w-]+$/;
/** Canonical forms only: one text per value, so no line can be altered and still pass. */
const DIGITS = /^(?:0|[1-9]\d{0,14})$/;

function signedBytes(user: string, host: string, keys: PublicKeys, timestamp: number): Buffer {
  const text = [
    CONTEXT,
    user,
    host,
    keys.signing.toString('base64url'),
    keys.agreement.toString('base64url'),
    String(timestamp),
  ].join('\n');
  return Buffer.from(text, 'utf8');
}

/** The block lines (each starting with LF) that announce and sign `identity`. */
export function entryKeyLines(
  identity: Identity,
  header: { user: string; host: string },
  timestamp: number,
): string {
  const { publicKeys } = identity;
  const stamp = Math.floor(timestamp);
  // Signed as the receiver will read the header (':' written as ';').
  const data = signedBytes(headerField(header.user), headerField(header.host), publicKeys, stamp);
  const signature = signWith(identity, data);
  return (
    `\nKS:${publicKeys.signing.toString('base64url')}` +
    `\nKA:${publicKeys.agreement.toString('base64url')}` +
    `\nKT:${stamp}` +
    `\nKG:${signature.toString('base64url')}`
  );
}

function rawKey(text: string | undefined, length: number): Buffer | undefined {
  if (text === undefined || !B64URL.test(text) || text.length > 200) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.length === length && bytes.toString('base64url') === text ? bytes : undefined;
}

/** Checks the lines against the packet's header names; anything malformed is `bad`. */
export function readEntrySignature(
  lines: EntryKeyLines | undefined,
  header: { user: string; host: string },
): EntrySignature {
  if (!lines || (lines.KS ?? lines.KA ?? lines.KT ?? lines.KG) === undefined)
    return { kind: 'none' };
  const signing = rawKey(lines.KS, 32);
  const agreement = rawKey(lines.KA, 32);
  const signature = rawKey(lines.KG, 64);
  if (!signing || !agreement || !signature || !DIGITS.test(lines.KT ?? '')) return { kind: 'bad' };
  const timestamp = Number(lines.KT);
  const keys = { signing, agreement };
  const data = signedBytes(header.user, header.host, keys, timestamp);
  if (!verifySigned(signing, data, signature)) return { kind: 'bad' };
  return { kind: 'signed', keys, timestamp };
}
