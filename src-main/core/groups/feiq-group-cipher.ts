// FeiQ's group messages are Blowfish-CBC with a zero IV, keyed by the ASCII of the
// sender's MAC as its version field writes it. node:crypto has no Blowfish once
// OpenSSL 3's legacy provider is not loaded (the default), so a maintained library does it.
import { Blowfish } from 'egoroof-blowfish';

const BLOCK = 8;
const ZERO_IV = new Uint8Array(BLOCK);

function cipherFor(mac: string): Blowfish {
  // PKCS#5 is undone by hand below: some clients zero-pad instead.
  const cipher = new Blowfish(Buffer.from(mac, 'latin1'), Blowfish.MODE.CBC, Blowfish.PADDING.NULL);
  cipher.setIv(ZERO_IV);
  return cipher;
}

/** The plain bytes sealed for FeiQ: PKCS#5 padding, as FeiQ clones that interoperate do. */
export function sealFeiqGroup(plain: Buffer, mac: string): Buffer {
  const pad = BLOCK - (plain.length % BLOCK);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  return Buffer.from(cipherFor(mac).encode(padded));
}

/**
 * The plain bytes of a FeiQ group message, its padding removed: PKCS#5 when the last
 * bytes say so, else trailing zeros. Undefined when the length is not whole blocks.
 */
export function openFeiqGroup(sealed: Buffer, mac: string): Buffer | undefined {
  if (sealed.length === 0 || sealed.length % BLOCK !== 0) return undefined;
  // The library's NULL padding leaves whole blocks alone when decoding bytes.
  const plain = Buffer.from(cipherFor(mac).decode(sealed, Blowfish.TYPE.UINT8_ARRAY));
  const last = plain[plain.length - 1] ?? 0;
  if (last >= 1 && last <= BLOCK && plain.subarray(plain.length - last).every((b) => b === last))
    return plain.subarray(0, plain.length - last);
  let end = plain.length;
  while (end > 0 && plain[end - 1] === 0) end -= 1;
  return plain.subarray(0, end);
}
