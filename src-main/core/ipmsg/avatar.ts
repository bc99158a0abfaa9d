// Avatars on the wire. Between Pigeons: an `AV:<hash>` line in the entry's UTF-8 block
// names the picture, and a Pigeon-only TCP request on the file port (mode 0xe9, extra
// `<hash>`) fetches it: a 32 KiB picture does not fit one 8 KiB datagram. From iptux:
// IPTUX_SENDICON (0xfe) carries its icon file's bytes after a NUL, in one datagram.

import { decodePacket } from './packet';

/** Pigeon-only: "send me the avatar with this hash" (TCP, answered with its bytes). */
export const AVATAR_REQUEST_MODE = 0xe9;

/** The first 16 hex digits of the picture's SHA-256: enough to name it, short on the wire. */
const AVATAR_HASH = /^[0-9a-f]{16}$/;

export function isAvatarHash(value: string): boolean {
  return AVATAR_HASH.test(value);
}

/** The hash a request names, or undefined when it names none. */
export function readAvatarRequest(extra: Buffer): string | undefined {
  const nul = extra.indexOf(0);
  const text = extra.subarray(0, nul === -1 ? extra.length : nul).toString('latin1');
  return isAvatarHash(text) ? text : undefined;
}

/**
 * What a TCP connection asked so far, if it is an avatar request: its hash, 'incomplete'
 * until the NUL that ends it, 'invalid' when it names no hash; undefined for anything else.
 */
export function avatarAsked(bytes: Buffer): string | 'incomplete' | 'invalid' | undefined {
  const decoded = decodePacket(bytes);
  if (!decoded.ok || decoded.packet.mode !== AVATAR_REQUEST_MODE) return undefined;
  if (!decoded.packet.extra.includes(0)) return 'incomplete';
  return readAvatarRequest(decoded.packet.extra) ?? 'invalid';
}

/** iptux's icon packet: `[name]\0<image bytes>`; undefined when no bytes follow. */
export function readIptuxIcon(extra: Buffer): Buffer | undefined {
  const nul = extra.indexOf(0);
  if (nul === -1 || nul + 1 >= extra.length) return undefined;
  return extra.subarray(nul + 1);
}
