// The datagram: `Ver:PacketNo:User:Host:Command:Extra`. Extra is everything after the
// fifth ':' and may itself hold ':' and NUL bytes. Every datagram is hostile until parsed,
// so decodePacket returns a result instead of throwing, whatever it is given.
// User and host follow the receive policy of text.ts; a FeiQ sender's are read as GBK.
import { hasOption, modeOf, Opt, optionsOf } from './commands';
import { decodeText, encodeText, legacyEncodingFor, type LegacyEncoding } from './text';

export interface Packet {
  version: string;
  packetNo: number;
  user: string;
  host: string;
  command: number;
  mode: number;
  options: number;
  extra: Buffer;
}

export type DecodeResult =
  { ok: true; packet: Packet } | { ok: false; reason: 'malformed' | 'oversized'; detail: string };

/** IP Messenger's own receive buffer; anything larger is refused as 'oversized'. */
export const MAX_DATAGRAM_IN = 32768;
/** iptux's buffer; nobody fragments, so Pigeon never sends more. */
export const MAX_DATAGRAM_OUT = 8192;

const COLON = 0x3a;
const UINT32_MAX = 0xffffffff;

function malformed(detail: string): DecodeResult {
  return { ok: false, reason: 'malformed', detail };
}

/** A decimal uint32 of digits only (leading zeros allowed), else undefined. */
function parseDecimalUint32(bytes: Buffer): number | undefined {
  if (bytes.length === 0) return undefined;
  let value = 0;
  for (const byte of bytes) {
    if (byte < 0x30 || byte > 0x39) return undefined;
    value = value * 10 + (byte - 0x30);
    if (value > UINT32_MAX) return undefined;
  }
  return value;
}

export function decodePacket(
  bytes: Buffer,
  opts: { legacyEncoding?: LegacyEncoding } = {},
): DecodeResult {
  try {
    return decodeUnchecked(bytes, opts.legacyEncoding ?? 'gb18030');
  } catch (error) {
    // Defensive: nothing below is expected to throw, but a hostile datagram must never
    // take the receive loop down.
    return malformed(`decoder failure: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function decodeUnchecked(input: unknown, legacy: LegacyEncoding): DecodeResult {
  if (!(input instanceof Uint8Array)) return malformed('not a byte buffer');
  const bytes = Buffer.isBuffer(input)
    ? input
    : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length > MAX_DATAGRAM_IN) {
    return { ok: false, reason: 'oversized', detail: `${bytes.length} bytes` };
  }

  const separators: number[] = [];
  for (let i = 0; i < bytes.length && separators.length < 5; i++) {
    if (bytes[i] === COLON) separators.push(i);
  }
  const [s1, s2, s3, s4, s5] = separators;
  if (
    s1 === undefined ||
    s2 === undefined ||
    s3 === undefined ||
    s4 === undefined ||
    s5 === undefined
  ) {
    return malformed(`expected 5 ':' separators, found ${separators.length}`);
  }

  const versionBytes = bytes.subarray(0, s1);
  const first = versionBytes[0];
  if (first === undefined) return malformed('empty version');
  if (first < 0x30 || first > 0x39) return malformed('version does not start with a digit');

  const packetNo = parseDecimalUint32(bytes.subarray(s1 + 1, s2));
  if (packetNo === undefined) return malformed('packet number is not a decimal uint32');
  const command = parseDecimalUint32(bytes.subarray(s4 + 1, s5));
  if (command === undefined) return malformed('command is not a decimal uint32');

  const utf8Flag = hasOption(command, Opt.UTF8OPT);
  const version = decodeText(versionBytes, { utf8Flag, legacy });
  const text = { utf8Flag, legacy: legacyEncodingFor(version, legacy) };
  return {
    ok: true,
    packet: {
      version,
      packetNo,
      user: decodeText(bytes.subarray(s2 + 1, s3), text),
      host: decodeText(bytes.subarray(s3 + 1, s4), text),
      command,
      mode: modeOf(command),
      options: optionsOf(command),
      // A copy, so the packet never aliases a receive buffer someone may reuse.
      extra: Buffer.from(bytes.subarray(s5 + 1)),
    },
  };
}

/**
 * The number a version string starts with (IP Messenger accepts only 1). decodePacket
 * guarantees a leading digit, so this is a number for every decoded packet.
 */
export function protocolVersionOf(version: string): number {
  const digits = /^\d+/.exec(version);
  return digits ? Number(digits[0]) : Number.NaN;
}

export interface OutgoingPacket {
  version: string;
  packetNo: number;
  user: string;
  host: string;
  command: number;
  /** Bytes as given; a string is written as UTF-8. */
  extra?: Buffer | string;
  /** Encoding of version, user and host; UTF-8 unless told. */
  headerEncoding?: 'utf8' | LegacyEncoding;
}

/** ':' would split the header, so it becomes ';' (as the spec says); NUL is dropped. */
export function headerField(value: string): string {
  return value.replace(/:/g, ';').replace(/\0/g, '');
}

function checkUint32(name: string, value: number, allowInt32: boolean): number {
  const min = allowInt32 ? -0x80000000 : 0;
  if (!Number.isInteger(value) || value < min || value > UINT32_MAX) {
    throw new RangeError(`${name} must be a uint32, got ${value}`);
  }
  return value >>> 0;
}

function encodeHeader(p: OutgoingPacket): Buffer {
  const packetNo = checkUint32('packetNo', p.packetNo, false);
  // Commands built with `|` may come out negative (bit 31 set); accept and normalise them.
  const command = checkUint32('command', p.command, true);
  const encoding = p.headerEncoding ?? 'utf8';
  const header = [
    headerField(p.version),
    String(packetNo),
    headerField(p.user),
    headerField(p.host),
    String(command),
    '',
  ].join(':');
  return encodeText(header, encoding);
}

/** Bytes the header takes, so a caller can budget the extra within MAX_DATAGRAM_OUT. */
export function headerByteLength(p: OutgoingPacket): number {
  return encodeHeader(p).length;
}

/** Throws RangeError only for a packet number or command that is not a uint32 (a bug). */
export function encodePacket(p: OutgoingPacket): Buffer {
  const header = encodeHeader(p);
  const extra =
    p.extra === undefined
      ? Buffer.alloc(0)
      : typeof p.extra === 'string'
        ? Buffer.from(p.extra, 'utf8')
        : p.extra;
  return Buffer.concat([header, extra]);
}
