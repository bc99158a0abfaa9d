// The sealed packet between two keyed Pigeons: a unicast packet's extra is replaced by
//   PS1:<base64url envelope>
// envelope = 0x01 | sender session key (32) | recipient session key (32) | seq (8, BE)
//            | AES-256-GCM ciphertext of the original extra | tag (16)
// The key of one direction is HKDF-SHA256 over DH(sender session, recipient session) and
// DH(sender identity, recipient identity) (X25519): the session keys live in memory only, so
// a stolen identity key does not open past traffic, and the identity part means only the two
// peers can derive it. The header (version, packet number, user, host, command) and the
// envelope's head are the associated data, so no field can be moved to another packet.
// Only node:crypto primitives (docs/security.md).
import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  type KeyObject,
} from 'node:crypto';

export const SEAL_PREFIX = 'PS1:';
const LABEL = 'pigeon-seal/1';
const VERSION = 1;
const HEAD = 1 + 32 + 32 + 8;
const TAG = 16;
const X25519_SPKI = Buffer.from('302a300506032b656e032100', 'hex');

/** The header fields a sealed packet is bound to. */
export interface SealedHeader {
  version: string;
  packetNo: number;
  user: string;
  host: string;
  command: number;
}

/** The envelope's clear head, as read from a packet. */
export interface SealHead {
  senderSession: Buffer;
  recipientSession: Buffer;
  seq: bigint;
}

/** Who derives a direction's key: raw public keys, and our two private keys. */
export interface DirectionKeys {
  senderSigning: Buffer;
  recipientSigning: Buffer;
  senderSession: Buffer;
  recipientSession: Buffer;
}

const rawPublic = (raw: Buffer): KeyObject =>
  createPublicKey({ key: Buffer.concat([X25519_SPKI, raw]), format: 'der', type: 'spki' });

function agree(ours: KeyObject, theirs: Buffer): Buffer {
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey: ours, publicKey: rawPublic(theirs) });
  } catch {
    shared = Buffer.alloc(32);
  }
  // A low-order point gives an all-zero secret: such a "key" is refused, never used.
  if (shared.length !== 32 || shared.every((byte) => byte === 0))
    throw new Error('not a usable X25519 key');
  return shared;
}

/**
 * The AES-256-GCM key of one direction (sender → recipient). Each side passes its own
 * private keys and the other's public ones; `keys` names the direction the same way on both.
 */
export function directionKey(
  ourSession: KeyObject,
  theirSession: Buffer,
  ourIdentity: KeyObject,
  theirIdentity: Buffer,
  keys: DirectionKeys,
): Buffer {
  const ikm = Buffer.concat([agree(ourSession, theirSession), agree(ourIdentity, theirIdentity)]);
  const info = Buffer.concat([
    keys.senderSigning,
    keys.recipientSigning,
    keys.senderSession,
    keys.recipientSession,
  ]);
  return Buffer.from(hkdfSync('sha256', ikm, Buffer.from(LABEL), info, 32));
}

function headBytes(head: SealHead): Buffer {
  const bytes = Buffer.alloc(HEAD);
  bytes.writeUInt8(VERSION, 0);
  head.senderSession.copy(bytes, 1);
  head.recipientSession.copy(bytes, 33);
  bytes.writeBigUInt64BE(head.seq, 65);
  return bytes;
}

function associated(header: SealedHeader, head: Buffer): Buffer {
  const fields = [LABEL, header.version, header.packetNo, header.user, header.host, header.command];
  return Buffer.concat([Buffer.from(fields.join('\n'), 'utf8'), head]);
}

function nonceOf(seq: bigint): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(seq, 4);
  return nonce;
}

/** The sealed extra (`PS1:` and the envelope) for `plain` under a direction's key. */
export function sealExtra(
  key: Buffer,
  header: SealedHeader,
  head: SealHead,
  plain: Buffer,
): Buffer {
  const headed = headBytes(head);
  const cipher = createCipheriv('aes-256-gcm', key, nonceOf(head.seq));
  cipher.setAAD(associated(header, headed));
  const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return Buffer.from(SEAL_PREFIX + Buffer.concat([headed, body]).toString('base64url'), 'latin1');
}

export function isSealed(extra: Buffer): boolean {
  return extra.subarray(0, SEAL_PREFIX.length).toString('latin1') === SEAL_PREFIX;
}

export interface SealEnvelope {
  head: SealHead;
  /** Ciphertext and tag. */
  body: Buffer;
  /** The head's bytes as they came, for the associated data (not encoded again). */
  headed: Buffer;
}

/** The envelope of a sealed extra, or undefined when it is not one (never throws). */
export function readEnvelope(extra: Buffer): SealEnvelope | undefined {
  if (!isSealed(extra)) return undefined;
  const text = extra.subarray(SEAL_PREFIX.length).toString('latin1');
  if (!/^[\w-]*$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.length < HEAD + TAG || bytes.readUInt8(0) !== VERSION) return undefined;
  return {
    head: {
      senderSession: Buffer.from(bytes.subarray(1, 33)),
      recipientSession: Buffer.from(bytes.subarray(33, 65)),
      seq: bytes.readBigUInt64BE(65),
    },
    body: bytes.subarray(HEAD),
    headed: bytes.subarray(0, HEAD),
  };
}

/** The plain extra, or undefined when anything (header, head, body) was altered. */
export function openBody(
  key: Buffer,
  header: SealedHeader,
  head: SealHead,
  body: Buffer,
  headed = headBytes(head),
): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonceOf(head.seq));
    decipher.setAAD(associated(header, headed));
    decipher.setAuthTag(body.subarray(body.length - TAG));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG)), decipher.final()]);
  } catch {
    return undefined;
  }
}
