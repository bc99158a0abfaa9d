// A sealed stream is a run of records: a 4-byte header (the final flag in the top bit, the
// withdrawn flag below it, the plaintext length in the other 30 bits), the AES-256-GCM
// ciphertext, its 16-byte tag. The nonce is the record's index, and the header and index
// are authenticated with it, so a record cut short, moved, replayed or marked final or
// withdrawn falsely fails its tag; a stream without a final record is incomplete. A
// withdrawn record is an empty final one: the sender found the file changed since it was
// offered, and nothing of it is to be kept. Records are large because per-record work is
// what costs speed.
export const RECORD_BYTES = 512 * 1024;
export const HEADER_BYTES = 4;
export const TAG_BYTES = 16;
const FINAL = 0x80000000;
const WITHDRAWN = 0x40000000;

export interface RecordHeader {
  length: number;
  final: boolean;
  withdrawn: boolean;
}

export function encodeHeader(length: number, final: boolean, withdrawn = false): Buffer {
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32BE((final ? FINAL : 0) + (withdrawn ? WITHDRAWN : 0) + length, 0);
  return header;
}

export function decodeHeader(bytes: Buffer): RecordHeader {
  const word = bytes.readUInt32BE(0);
  return { length: word % WITHDRAWN, final: word >= FINAL, withdrawn: (word & WITHDRAWN) !== 0 };
}

/** The 96-bit nonce of record `index`: zeros, then the index as a 64-bit number. */
export function nonceFor(index: number): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 4);
  return nonce;
}

/** Authenticated beside the ciphertext: the header as sent and the record's index. */
export function additionalData(header: Buffer, index: number): Buffer {
  const aad = Buffer.allocUnsafe(HEADER_BYTES + 8);
  header.copy(aad, 0, 0, HEADER_BYTES);
  aad.writeBigUInt64BE(BigInt(index), HEADER_BYTES);
  return aad;
}
