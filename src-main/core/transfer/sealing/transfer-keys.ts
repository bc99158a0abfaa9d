// The key exchange of a sealed transfer between two Pigeons: the offer carries a fresh X25519
// public key per offered item, the request a fresh one of the requester's, and both ends
// derive the AES-256-GCM key of that one connection with HKDF-SHA256 over the transcript
// (which item, from which offset, both public keys). Nothing here is long-term: without a
// TransferKeyBinding the exchange is encrypted but not authenticated (docs/security.md).
import {
  createPublicKey,
  createSecretKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
} from 'node:crypto';

/** One side's ephemeral key pair; `publicKey` is the raw 32 bytes in base64url (43 chars). */
export interface TransferKeyPair {
  privateKey: KeyObject;
  publicKey: string;
}

/** What a request asks for; both ends put it into the transcript identically. */
export interface TransferHandshake {
  kind: 'file' | 'directory';
  packetNo: number;
  fileId: number;
  offset: number;
  /** The offer's public key (the sender's). */
  offerKey: string;
  /** The request's public key (the receiver's). */
  requestKey: string;
}

/**
 * The hook for long-term identity keys: when given, each side signs the transcript and checks
 * the other's signature, so the exchange is bound to who the peers are. Optional: without one
 * a transfer is encrypted against listeners but not against an active man in the middle.
 */
export interface TransferKeyBinding {
  /** Our signature over the transcript (identity key), sent beside our public key. */
  sign(transcript: Buffer): Buffer;
  /** Whether `signature` is the peer's over the transcript; false refuses the transfer. */
  verify(peerAddress: string, transcript: Buffer, signature: Buffer): boolean;
}

const RAW_KEY = /^[\w-]{43}$/;
const LABEL = 'pigeon sealed transfer v1';

export function newTransferKeyPair(): TransferKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return { privateKey, publicKey: jwk.x ?? '' };
}

/** A peer's public key as written on the wire, or undefined when it is not one. */
export function parsePublicKey(text: string): string | undefined {
  return RAW_KEY.test(text) ? text : undefined;
}

/** The bytes both sides derive from and sign: fixed fields, then both public keys. */
export function handshakeTranscript(h: TransferHandshake): Buffer {
  const fields = Buffer.alloc(1 + 4 + 4 + 8);
  fields.writeUInt8(h.kind === 'file' ? 1 : 2, 0);
  fields.writeUInt32BE(h.packetNo >>> 0, 1);
  fields.writeUInt32BE(h.fileId >>> 0, 5);
  fields.writeBigUInt64BE(BigInt(h.offset), 9);
  return Buffer.concat([
    Buffer.from(LABEL),
    fields,
    Buffer.from(h.offerKey, 'base64url'),
    Buffer.from(h.requestKey, 'base64url'),
  ]);
}

/**
 * The AES-256-GCM key of one connection, from our private key and the peer's public one.
 * Throws on a public key that is not a point or a low-order one (an all-zero secret).
 */
export function deriveTransferKey(
  ours: KeyObject,
  theirs: string,
  handshake: TransferHandshake,
): KeyObject {
  let shared: Buffer;
  try {
    const publicKey = createPublicKey({
      key: { kty: 'OKP', crv: 'X25519', x: theirs },
      format: 'jwk',
    });
    shared = diffieHellman({ privateKey: ours, publicKey });
  } catch {
    // OpenSSL refuses low-order points itself (an all-zero secret).
    shared = Buffer.alloc(32);
  }
  if (shared.every((byte) => byte === 0)) throw new Error("the peer's public key is not usable");
  const key = hkdfSync('sha256', shared, Buffer.alloc(0), handshakeTranscript(handshake), 32);
  return createSecretKey(Buffer.from(key));
}

/** What the file server makes of a request for an item: the key to seal with, or a refusal. */
export interface ServerSealing {
  key?: KeyObject;
  refusal?: string;
}

/**
 * The server's side of the exchange. A sealed item needs the requester's key (no silent
 * fallback to plaintext); a plain item refuses one (the requester expects a sealed stream).
 */
export function sealingKey(
  offerKey: TransferKeyPair | undefined,
  request: Pick<TransferHandshake, 'kind' | 'packetNo' | 'fileId' | 'offset'> & {
    sealKey?: string;
    signature?: string;
  },
  peerAddress: string,
  opts: { binding?: TransferKeyBinding },
): ServerSealing {
  if (!offerKey) {
    return request.sealKey === undefined ? {} : { refusal: 'a sealed request for a plain offer' };
  }
  if (request.sealKey === undefined) return { refusal: 'this item is served sealed only' };
  const handshake: TransferHandshake = {
    kind: request.kind,
    packetNo: request.packetNo,
    fileId: request.fileId,
    offset: request.offset,
    offerKey: offerKey.publicKey,
    requestKey: request.sealKey,
  };
  if (opts.binding) {
    const signature = Buffer.from(request.signature ?? '', 'base64url');
    if (!opts.binding.verify(peerAddress, handshakeTranscript(handshake), signature)) {
      return { refusal: 'the request is not signed by the peer' };
    }
  }
  try {
    return { key: deriveTransferKey(offerKey.privateKey, request.sealKey, handshake) };
  } catch (error) {
    return { refusal: (error as Error).message };
  }
}

/** The requester's side: a fresh key pair, the fields to send, and the connection's key. */
export function requestSealing(
  offerKey: string,
  request: Pick<TransferHandshake, 'kind' | 'packetNo' | 'fileId' | 'offset'>,
  binding?: TransferKeyBinding,
): { sealKey: string; signature?: string; key: KeyObject } {
  const ours = newTransferKeyPair();
  const handshake: TransferHandshake = { ...request, offerKey, requestKey: ours.publicKey };
  const key = deriveTransferKey(ours.privateKey, offerKey, handshake);
  const signature = binding?.sign(handshakeTranscript(handshake)).toString('base64url');
  return { sealKey: ours.publicKey, key, ...(signature !== undefined ? { signature } : {}) };
}
