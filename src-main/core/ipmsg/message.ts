// Extra of SENDMSG (`text[\0attachment list]`) and of the acknowledgements that carry a
// packet number in decimal (RECVMSG, READMSG, ANSREADMSG, RELEASEFILES).
import { hasOption, Opt } from './commands';
import { decodeText, encodeText, type LegacyEncoding, type OutgoingTextEncoding } from './text';

export interface MessageExtra {
  text: string;
  /** Raw attachment list (after the text's NUL), present only with FILEATTACHOPT. */
  attachments?: Buffer;
}

/** FeiQ appends its font as `{/font;size … face color;}`; it is not part of the text. */
const FEIQ_FONT_SUFFIX = /\{\/font;[^{}]*\}\s*$/;

/** Trailing NULs are padding (IP Messenger's last retries append 64 of them). */
function trimTrailingNul(bytes: Buffer): Buffer {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.subarray(0, end);
}

/**
 * The text up to the first NUL, decoded by the receive policy, FeiQ's font suffix
 * removed, CRLF and lone CR turned into LF. Encrypted messages (ENCRYPTOPT) must be
 * decrypted first: this reads the extra as plain text.
 */
export function parseMessageExtra(
  extra: Buffer,
  command: number,
  legacy: LegacyEncoding,
): MessageExtra {
  const nul = extra.indexOf(0);
  const textBytes = nul === -1 ? extra : extra.subarray(0, nul);
  const decoded = decodeText(textBytes, { utf8Flag: hasOption(command, Opt.UTF8OPT), legacy });
  const text = decoded.replace(FEIQ_FONT_SUFFIX, '').replace(/\r\n?/g, '\n');
  if (!hasOption(command, Opt.FILEATTACHOPT) || nul === -1) return { text };
  return { text, attachments: Buffer.from(trimTrailingNul(extra.subarray(nul + 1))) };
}

/**
 * `text\0`, with LF newlines, in the peer's encoding; with `attachments`, the list
 * follows the NUL and is NUL-terminated too. NUL inside the text would cut it, so it
 * is dropped.
 */
export function buildMessageExtra(
  text: string,
  textEncoding: OutgoingTextEncoding,
  attachments?: Buffer,
): Buffer {
  const clean = text.replace(/\r\n?/g, '\n').replace(/\0/g, '');
  const parts = [encodeText(clean, textEncoding.encoding), Buffer.from([0])];
  if (attachments !== undefined && attachments.length > 0) {
    parts.push(attachments, Buffer.from([0]));
  }
  return Buffer.concat(parts);
}

/** A packet number as an acknowledgement's extra: decimal and NUL. */
export function ackExtra(packetNo: number): Buffer {
  if (!Number.isInteger(packetNo) || packetNo < 0 || packetNo > 0xffffffff) {
    throw new RangeError(`packetNo must be a uint32, got ${packetNo}`);
  }
  return Buffer.from(`${packetNo}\0`, 'latin1');
}

/** Reads a decimal packet number, tolerating trailing NULs and surrounding spaces. */
export function parseAckExtra(extra: Buffer): number | undefined {
  const nul = extra.indexOf(0);
  const digits = (nul === -1 ? extra : extra.subarray(0, nul)).toString('latin1').trim();
  if (!/^\d{1,10}$/.test(digits)) return undefined;
  const value = Number(digits);
  return value <= 0xffffffff ? value : undefined;
}

export { splitText } from './split-text';
