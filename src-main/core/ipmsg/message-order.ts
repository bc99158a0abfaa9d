// Several messages to one Pigeon may be in flight at once; each that leaves while an
// earlier one is still unconfirmed names that earlier one's packet number in a few ASCII
// bytes after the text's NUL (where other clients never look), so the receiver can show
// them in the order written even when the earlier one needs a retry.

import { trailerField } from './trailer-field';

const TAG = 'PIGEONAFTER';
const PATTERN = new RegExp(`^${TAG}:(\\d{1,10})$`);

/** The trailer that follows the message's `text\0`. */
export function orderTrailer(after: number): Buffer {
  return Buffer.from(`${TAG}:${after}\0`, 'latin1');
}

/**
 * Reads the earlier message's packet number from a SENDMSG's extra; undefined when
 * there is none or it does not make sense, so the message is taken as it is.
 */
export function readOrderTrailer(extra: Buffer): number | undefined {
  const field = trailerField(extra);
  const match = field === undefined ? null : PATTERN.exec(field);
  if (!match) return undefined;
  const after = Number(match[1]);
  return after > 0 && after <= 0xffffffff ? after : undefined;
}
