// The one IPMsg packet that opens a file connection: GETFILEDATA with the extra
// `packetNo:fileID:offset:` or GETDIRFILES with `packetNo:fileID:`, all hex (interop
// reference §5). IP Messenger ends the extra with ':', iptux with NUL after `…:offset` or
// `…:0`, so a request is complete when either arrives; without one, the caller waits briefly.
// A Pigeon fetching a sealed offer adds its own fields after those, `k=<public key>:` and
// optionally `s=<signature>:` (sealing/transfer-keys.ts); no other client sends or reads them.
import { parsePublicKey } from './sealing/transfer-keys';
import {
  decodePacket,
  encodePacket,
  hasOption,
  makeCommand,
  Mode,
  Opt,
  parseHexNumber,
  type LegacyEncoding,
  type Packet,
} from '../ipmsg';

export type FileRequestKind = 'file' | 'directory';

export interface FileRequest {
  kind: FileRequestKind;
  /** The offer's message number. */
  packetNo: number;
  fileId: number;
  /** Where to start (always 0 for folders). */
  offset: number;
  /** The requester asked for UTF-8 names (UTF8OPT), as IP Messenger does after a UTF-8 offer. */
  utf8: boolean;
  /** The requester's X25519 public key: it asks for the offer sealed. */
  sealKey?: string;
  /** The requester's signature over the handshake (identity binding), base64url. */
  signature?: string;
  packet: Packet;
}

export type FileRequestParse =
  | { status: 'incomplete' }
  /** Readable but without a terminator: more may follow, or this is all. */
  | { status: 'unterminated'; request: FileRequest }
  | { status: 'complete'; request: FileRequest }
  | { status: 'invalid'; reason: string };

const UINT32_MAX = 0xffffffff;

/** Parses what a connection has sent so far; never throws. */
export function parseFileRequest(bytes: Buffer): FileRequestParse {
  const decoded = decodePacket(bytes);
  if (!decoded.ok) {
    return decoded.detail.startsWith('expected 5')
      ? { status: 'incomplete' }
      : { status: 'invalid', reason: decoded.detail };
  }
  const packet = decoded.packet;
  const kind: FileRequestKind | undefined =
    packet.mode === Mode.GETFILEDATA
      ? 'file'
      : packet.mode === Mode.GETDIRFILES
        ? 'directory'
        : undefined;
  if (!kind) return { status: 'invalid', reason: `not a file request (mode ${packet.mode})` };
  if (hasOption(packet.command, Opt.ENCFILEOPT)) {
    return { status: 'invalid', reason: 'encrypted file transfer is not offered' };
  }
  const text = packet.extra.toString('latin1');
  const nul = text.indexOf('\0');
  const fields = (nul === -1 ? text : text.slice(0, nul)).split(':');
  const needed = kind === 'file' ? 3 : 2;
  const terminated = nul !== -1 || fields.length > needed;
  if (fields.length < needed || (fields.length === needed && fields[needed - 1] === '')) {
    return nul === -1 ? { status: 'incomplete' } : { status: 'invalid', reason: 'too few fields' };
  }
  const packetNo = parseHexNumber(fields[0] ?? '', UINT32_MAX);
  const fileId = parseHexNumber(fields[1] ?? '', UINT32_MAX);
  const offset = kind === 'file' ? parseHexNumber(fields[2] ?? '') : 0;
  if (packetNo === undefined || fileId === undefined || offset === undefined) {
    return { status: 'invalid', reason: 'fields are not hex numbers' };
  }
  const request: FileRequest = {
    kind,
    packetNo,
    fileId,
    offset,
    utf8: hasOption(packet.command, Opt.UTF8OPT),
    ...sealingFields(fields.slice(needed)),
    packet,
  };
  return { status: terminated ? 'complete' : 'unterminated', request };
}

const SIGNATURE = /^[\w-]{1,400}$/;

/** The Pigeon-only fields after the standard ones; anything unreadable is left out. */
function sealingFields(extra: readonly string[]): Pick<FileRequest, 'sealKey' | 'signature'> {
  const out: Pick<FileRequest, 'sealKey' | 'signature'> = {};
  for (const field of extra) {
    const key = field.startsWith('k=') ? parsePublicKey(field.slice(2)) : undefined;
    if (key !== undefined) out.sealKey = key;
    if (field.startsWith('s=') && SIGNATURE.test(field.slice(2))) out.signature = field.slice(2);
  }
  return out;
}

/** Who is asking: the header fields of our own packets. */
export interface RequesterIdentity {
  version: string;
  user: string;
  host: string;
  /** Our next packet number (the messaging layer's numberer). */
  nextPacketNo: () => number;
  headerEncoding?: 'utf8' | LegacyEncoding;
}

export interface FileRequestSpec {
  kind: FileRequestKind;
  packetNo: number;
  fileId: number;
  offset?: number;
  /** Copy the offer's UTF8OPT (IP Messenger then sends UTF-8 folder names). */
  utf8?: boolean;
  /** iptux sets FILEATTACHOPT toward iptux; IP Messenger and FeiQ expect it unset. */
  fileAttachOpt?: boolean;
  /** Our public key for a sealed offer (Pigeons only), and its signature when bound. */
  sealKey?: string;
  signature?: string;
}

/** The request packet, `…:` terminated as IP Messenger writes it. */
export function buildFileRequest(spec: FileRequestSpec, requester: RequesterIdentity): Buffer {
  const options = (spec.utf8 ? Opt.UTF8OPT : 0) | (spec.fileAttachOpt ? Opt.FILEATTACHOPT : 0);
  const mode = spec.kind === 'file' ? Mode.GETFILEDATA : Mode.GETDIRFILES;
  const fields = [spec.packetNo.toString(16), spec.fileId.toString(16)];
  if (spec.kind === 'file') fields.push((spec.offset ?? 0).toString(16));
  if (spec.sealKey !== undefined) fields.push(`k=${spec.sealKey}`);
  if (spec.signature !== undefined) fields.push(`s=${spec.signature}`);
  return encodePacket({
    version: requester.version,
    packetNo: requester.nextPacketNo(),
    user: requester.user,
    host: requester.host,
    command: makeCommand(mode, options),
    extra: `${fields.join(':')}:`,
    ...(requester.headerEncoding ? { headerEncoding: requester.headerEncoding } : {}),
  });
}
