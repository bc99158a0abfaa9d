// IP Messenger 4.x's encryption capability bits (the 2006 header that iptux copied gives
// other AES values; these are the ones IP Messenger 4.x puts on the wire).

export const Cap = {
  RSA_1024: 0x2,
  RSA_2048: 0x4,
  BLOWFISH_128: 0x20000,
  AES_256: 0x100000,
  PACKETNO_IV: 0x800000,
  ENCODE_BASE64: 0x1000000,
  SIGN_SHA1: 0x20000000,
  SIGN_SHA256: 0x40000000,
} as const;

/** What Pigeon offers: RSA-2048 + AES-256-CBC, packet-number IVs, base64, SHA-256 signatures. */
export const PIGEON_CAPS =
  (Cap.RSA_2048 | Cap.AES_256 | Cap.PACKETNO_IV | Cap.ENCODE_BASE64 | Cap.SIGN_SHA256) >>> 0;

/** The one scheme Pigeon writes: what both sides offer, or undefined when it cannot encrypt. */
export function agreedCaps(peerCaps: number): number | undefined {
  const common = (peerCaps & PIGEON_CAPS) >>> 0;
  if ((common & Cap.RSA_2048) === 0 || (common & Cap.AES_256) === 0) return undefined;
  return common;
}

export function hasCap(caps: number, cap: number): boolean {
  return (caps & cap) >>> 0 !== 0;
}

/** Reads a hexadecimal field of up to 8 digits (a uint32); undefined if it is not one. */
export function parseHexWord(text: string): number | undefined {
  if (!/^[0-9a-f]{1,8}$/i.test(text)) return undefined;
  return Number.parseInt(text, 16) >>> 0;
}
