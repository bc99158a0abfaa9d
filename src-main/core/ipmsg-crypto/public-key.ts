// The key exchange: GETPUBKEY carries the asker's capabilities in hex, ANSPUBKEY answers
// `CAPS:E-N` (hex; N is the big-endian RSA modulus). What a peer sends is parsed here and
// nowhere else, within fixed bounds, and never throws.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { parseHexWord } from './capabilities';

/** RSA-2048: the only key size Pigeon accepts from a peer. */
export const MODULUS_BYTES = 256;

/** A peer's public key as it announced it. */
export interface PeerPublicKey {
  caps: number;
  key: KeyObject;
  /** The big-endian modulus, for the fingerprint in a user name. */
  modulus: Buffer;
}

/** The text of an extra up to its first NUL (IPMsg may end it with one, or pad with zeros). */
function extraText(extra: Buffer): string {
  const end = extra.indexOf(0);
  return extra.subarray(0, end === -1 ? extra.length : end).toString('latin1');
}

/** GETPUBKEY's extra: our capabilities, as IP Messenger writes them (`%x`). */
export function buildKeyRequest(caps: number): Buffer {
  return Buffer.from(caps.toString(16), 'latin1');
}

/** The capabilities a GETPUBKEY offers, or undefined if its extra is not a hex number. */
export function parseKeyRequest(extra: Buffer): number | undefined {
  return parseHexWord(extraText(extra).trim());
}

/** ANSPUBKEY's extra for our key: `CAPS:E-N`, upper-case numbers, lower-case modulus. */
export function buildKeyAnswer(caps: number, publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  const e = Buffer.from(jwk.e ?? '', 'base64url');
  const n = Buffer.from(jwk.n ?? '', 'base64url');
  const exponent = e.length > 0 && e.length <= 6 ? e.readUIntBE(0, e.length) : 0x10001;
  const text = `${caps.toString(16).toUpperCase()}:${exponent.toString(16).toUpperCase()}-${n.toString('hex').padStart(MODULUS_BYTES * 2, '0')}`;
  return Buffer.from(text, 'latin1');
}

/** A peer's ANSPUBKEY, or undefined unless it holds an RSA-2048 key with a sane exponent. */
export function parseKeyAnswer(extra: Buffer): PeerPublicKey | undefined {
  const match = /^([0-9a-f]{1,8}):([0-9a-f]{1,8})-([0-9a-f]{512})$/i.exec(extraText(extra).trim());
  if (!match) return undefined;
  const caps = parseHexWord(match[1] ?? '');
  const exponent = parseHexWord(match[2] ?? '');
  const modulus = Buffer.from(match[3] ?? '', 'hex');
  // An even or tiny exponent is no RSA key; a modulus under 2048 bits is a smaller key.
  if (caps === undefined || exponent === undefined || exponent < 3 || exponent % 2 === 0)
    return undefined;
  if (modulus.length !== MODULUS_BYTES || (modulus[0] ?? 0) < 0x80) return undefined;
  try {
    const e = Buffer.alloc(4);
    e.writeUInt32BE(exponent);
    const key = createPublicKey({
      key: {
        kty: 'RSA',
        n: modulus.toString('base64url'),
        e: e.subarray(e.findIndex((byte) => byte !== 0)).toString('base64url'),
      },
      format: 'jwk',
    });
    return { caps, key, modulus };
  } catch {
    return undefined;
  }
}

/**
 * The 16 hex digits IP Messenger 4.x appends to its user name as `-<…>`: SHA-1 of the
 * modulus in little-endian order, its bytes reversed, padded to 24 bytes with zeros and
 * folded into 8 by XOR.
 */
export function userNameDigest(modulus: Buffer): string {
  const littleEndian = Buffer.from(modulus).reverse();
  const digest = Buffer.alloc(24);
  createHash('sha1').update(littleEndian).digest().reverse().copy(digest);
  const folded = Buffer.alloc(8);
  for (let i = 0; i < 8; i += 1)
    folded[i] = (digest[i] ?? 0) ^ (digest[i + 8] ?? 0) ^ (digest[i + 16] ?? 0);
  return folded.toString('hex');
}

/** The digest a user name carries (`name-<16 letters or digits>`), if any. */
export function digestInUserName(user: string): string | undefined {
  return /-<([0-9A-Z]{16})>/i.exec(user)?.[1];
}

/** False only when the user name carries a digest that this key does not match. */
export function keyMatchesUserName(user: string, key: PeerPublicKey): boolean {
  const digest = digestInUserName(user);
  return digest === undefined || digest.toLowerCase() === userNameDigest(key.modulus);
}
