// Extra of BR_ENTRY / ANSENTRY / BR_ABSENCE / BR_EXIT: `nickname\0group\0[extension]`.
// Extensions seen in the wild:
//   IP Messenger 4.x: a UTF-8 block `\nUN:user\nHN:host\nNN:nick\nGN:group\nVS:…` after the
//     group's NUL (or right after the nickname's NUL when there is no group); read only when
//     CAPUTF8OPT is set, and then it wins over the codepage-encoded legacy fields.
//   Pigeon: the same block with lines of its own, `SG:` (the personal signature),
//     `ST:` (away or busy) and `AV:` (the avatar picture's hash); IP Messenger
//     skips keys it does not know.
//   iptux: `icon\0encoding\0`, where a non-empty encoding marks an iptux-compatible peer.
//   Pigeon: KS/KA/KT/KG lines in the UTF-8 block, its signed keys (keys/signed-entry.ts),
//   and KE, its session key for sealed packets (keys/message-seals.ts).
import { hasOption, Mode, modeOf, Opt } from './commands';
import { isAvatarHash } from './avatar';
import { detectClient } from './client';
import { decodeText, encodeText, type LegacyEncoding } from './text';

export interface EntryInfo {
  /** May be empty: the caller then falls back to the user name. */
  nickname: string;
  group: string;
  /** IP Messenger 4.x's UTF-8 block, when CAPUTF8OPT was set and the block was there. */
  block?: EntryBlock;
  /** Pigeon's key lines from the block, unchecked (keys/signed-entry.ts checks them). */
  keys?: Partial<Record<KeyLine, string>>;
  /** iptux's extension fields. */
  iptux?: { icon: string; encoding: string };
  /** IP Messenger's `[absence title]`, when it was split off the nickname. */
  absenceTitle?: string;
}

export interface EntryBlock {
  user?: string;
  host?: string;
  nickname?: string;
  group?: string;
  version?: string;
  /** Pigeon's `SG:` line, as written (the caller cleans it). */
  signature?: string;
  /** Pigeon's `ST:` line: `away` or `busy` (anything else is ignored). */
  status?: 'away' | 'busy';
  /** Pigeon's `AV:` line: the hash of the sender's avatar picture (avatars/). */
  avatar?: string;
}

/**
 * IP Messenger's VS type for Pigeon. IP Messenger's own values are platform ids
 * (0x00010001 Win32 … 0x00040000 Android); it only stores and shows a peer's value, so
 * Pigeon uses a family of its own that no IP Messenger build claims.
 */
export const PIGEON_VS_TYPE = 0x00700000;

const KEY_LINES = ['KS', 'KA', 'KT', 'KG', 'KE'] as const;
type KeyLine = (typeof KEY_LINES)[number];
const isKeyLine = (key: string): key is KeyLine => (KEY_LINES as readonly string[]).includes(key);

const NUL = 0x00;
const LF = 0x0a;

function splitAtNul(bytes: Buffer): Buffer[] {
  const fields: Buffer[] = [];
  let start = 0;
  for (let i = bytes.indexOf(NUL); i !== -1; i = bytes.indexOf(NUL, start)) {
    fields.push(bytes.subarray(start, i));
    start = i + 1;
  }
  fields.push(bytes.subarray(start));
  return fields;
}

function parseBlock(bytes: Buffer): EntryBlock & Pick<EntryInfo, 'keys'> {
  const block: EntryBlock & Pick<EntryInfo, 'keys'> = {};
  for (const line of bytes.toString('utf8').split('\n')) {
    const value = line.slice(3).replace(/\r$/, '');
    switch (line.slice(0, 3)) {
      case 'UN:':
        block.user = value;
        break;
      case 'HN:':
        block.host = value;
        break;
      case 'NN:':
        block.nickname = value;
        break;
      case 'GN:':
        block.group = value;
        break;
      case 'VS:':
        block.version = value;
        break;
      case 'SG:':
        block.signature = value;
        break;
      case 'ST:':
        if (value === 'away' || value === 'busy') block.status = value;
        break;
      case 'AV:':
        if (isAvatarHash(value)) block.avatar = value;
        break;
      // IP: (binary IPDict), PL: and unknown keys are not Pigeon's business.
      default: {
        const key = line.slice(0, 2);
        if (line[2] === ':' && isKeyLine(key)) block.keys = { ...block.keys, [key]: value };
      }
    }
  }
  return block;
}

/** IP Messenger (and Pigeon, for it) shows away as `nick[title]`; split it off. */
function splitAbsenceTitle(nickname: string): { nickname: string; title?: string } {
  if (!nickname.endsWith(']')) return { nickname };
  const open = nickname.lastIndexOf('[');
  if (open <= 0) return { nickname };
  const title = nickname.slice(open + 1, -1);
  if (title.includes(']')) return { nickname };
  return { nickname: nickname.slice(0, open), title };
}

/**
 * `peer.version` enables the one guess that needs to know the sender: the absence title
 * is split off only for IP Messenger and Pigeon (which writes it for IP Messenger's
 * sake), because iptux sets ABSENCEOPT on every entry and a FeiQ nickname may end in
 * brackets of its own.
 */
export function parseEntryExtra(
  extra: Buffer,
  command: number,
  legacy: LegacyEncoding,
  peer: { version?: string } = {},
): EntryInfo {
  const text = { utf8Flag: hasOption(command, Opt.UTF8OPT), legacy };
  const fields = splitAtNul(extra);
  const nicknameBytes = fields[0] ?? Buffer.alloc(0);
  let groupBytes = fields[1] ?? Buffer.alloc(0);
  let blockBytes: Buffer | undefined;
  if (groupBytes[0] === LF) {
    blockBytes = groupBytes;
    groupBytes = Buffer.alloc(0);
  } else if (fields[2]?.[0] === LF) {
    blockBytes = fields[2];
  }

  const info: EntryInfo = {
    nickname: decodeText(nicknameBytes, text),
    group: decodeText(groupBytes, text),
  };

  if (blockBytes !== undefined && hasOption(command, Opt.CAPUTF8OPT)) {
    const { keys, ...block } = parseBlock(blockBytes);
    // A broadcast's block of key lines only says nothing of the names, signature, status
    // or avatar: only a block with names is the peer's whole word on them.
    if (Object.keys(block).length > 0) info.block = block;
    if (keys) info.keys = keys;
    if (block.nickname !== undefined) info.nickname = block.nickname;
    if (block.group !== undefined) info.group = block.group;
  }

  const encodingBytes = fields[3];
  if (blockBytes === undefined && fields[2] !== undefined && encodingBytes?.length) {
    info.iptux = {
      icon: decodeText(fields[2], text),
      encoding: decodeText(encodingBytes, text),
    };
  }

  const mode = modeOf(command);
  const isPresence = mode === Mode.BR_ENTRY || mode === Mode.ANSENTRY || mode === Mode.BR_ABSENCE;
  if (
    isPresence &&
    hasOption(command, Opt.ABSENCEOPT) &&
    info.iptux === undefined &&
    peer.version !== undefined &&
    ['ipmsg', 'pigeon'].includes(detectClient(peer.version))
  ) {
    const split = splitAbsenceTitle(info.nickname);
    if (split.title !== undefined) {
      info.nickname = split.nickname;
      info.absenceTitle = split.title;
    }
  }
  return info;
}

/** NUL would end a field early and LF would start a new block line. */
function fieldText(value: string): string {
  return value.replace(/\0/g, '').replace(/[\r\n]+/g, ' ');
}

/** UN/HN must match the header, where ':' is written as ';'. */
function headerName(value: string): string {
  return fieldText(value).replace(/:/g, ';');
}

function vsVersion(appVersion: string | undefined): string {
  // The lookbehind starts a match only where a run of digits starts: linear, same result.
  const parts = /(?<!\d)(\d+)\.(\d+)\.(\d+)/.exec(appVersion ?? '');
  const type = PIGEON_VS_TYPE.toString(16).toUpperCase().padStart(8, '0');
  return parts ? `${type}:${parts[1]}:${parts[2]}:${parts[3]}` : `${type}:0:0:0`;
}

/**
 * The one encoding a legacy peer (iptux, FeiQ) will assume for everything we send:
 * iptux decodes a whole entry in a single encoding and keeps it for the peer's
 * messages. ASCII names read the same in every encoding, so UTF-8 then; otherwise the
 * legacy codepage, which GB18030-reading clients (iptux, FeiQ) understand.
 */
export function entryEncoding(
  info: { nickname: string; group: string },
  legacy: LegacyEncoding,
): LegacyEncoding | 'utf8' {
  return /^[\x00-\x7f]*$/.test(info.nickname + info.group) ? 'utf8' : legacy;
}

/** Who we say we are in an entry. */
export interface EntryIdentity {
  nickname: string;
  group: string;
  user: string;
  host: string;
  appVersion?: string;
  /** Written as Pigeon's `SG:` line when not empty. */
  signature?: string;
  /** Away or busy: `ST:` for Pigeons, and `[title]` after the legacy nickname for IPMsg. */
  absence?: { status: 'away' | 'busy'; title: string };
  /** The hash of our avatar picture, announced to UTF-8 readers as `AV:`. */
  avatar?: string;
}

/**
 * `nick\0group\0` in `encoding`, then (with `utf8Block`) the IPMsg 4.x UTF-8 block and a
 * NUL. The block goes only to peers that advertise CAPUTF8OPT: a client that decodes the
 * whole entry in one encoding (iptux) is confused by a mix of two. While away or busy
 * the legacy nickname carries `[title]`, as IP Messenger writes its own; NN: stays bare.
 * `keyLines` (ASCII, each starting with LF) end the block; without the block they make a
 * block of their own.
 */
export function buildEntryExtra(
  info: EntryIdentity,
  encoding: LegacyEncoding | 'utf8',
  options: { utf8Block?: boolean; keyLines?: string } = {},
): Buffer {
  const nickname = fieldText(info.nickname);
  const group = fieldText(info.group);
  const shownName = info.absence ? `${nickname}[${fieldText(info.absence.title)}]` : nickname;
  const nul = Buffer.from([NUL]);
  const legacyFields = [encodeText(shownName, encoding), nul, encodeText(group, encoding), nul];
  const keyLines = options.keyLines ?? '';
  if (options.utf8Block === false) {
    if (keyLines === '') return Buffer.concat(legacyFields);
    return Buffer.concat([...legacyFields, Buffer.from(keyLines, 'ascii'), nul]);
  }
  const signature = fieldText(info.signature ?? '').trim();
  const block =
    `\nUN:${headerName(info.user)}\nHN:${headerName(info.host)}` +
    `\nNN:${nickname}\nGN:${group}\nVS:${vsVersion(info.appVersion)}` +
    (signature ? `\nSG:${signature}` : '') +
    (info.absence ? `\nST:${info.absence.status}` : '') +
    (info.avatar !== undefined && isAvatarHash(info.avatar) ? `\nAV:${info.avatar}` : '') +
    keyLines;
  return Buffer.concat([...legacyFields, Buffer.from(block, 'utf8'), nul]);
}
