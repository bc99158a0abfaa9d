// What our entry packets say about us: the command's option bits and the payload, shaped
// for the peer that will read them (UTF-8 block for CAPUTF8OPT readers, iptux's fields
// for iptux).
import type { Language, PeerClient, SelfStatus } from '../../../src-shared/contract';
import { hasOption, Opt } from '../ipmsg/commands';
import { buildEntryExtra, entryEncoding, type EntryIdentity } from '../ipmsg/entry';
import { encodeText, type LegacyEncoding } from '../ipmsg/text';
import { PIGEON_APP_VERSION } from '../version';

export interface Presence {
  nickname: string;
  group: string;
  user: string;
  host: string;
  status: SelfStatus;
  signature?: string;
  /** The hash of our avatar picture, when we have one. */
  avatar?: string;
  /** Chooses the absence title IP Messenger users see (`[离开]`, `[Busy]`…). */
  language?: Language;
}

/** Who reads the entry: its option bits (CAPUTF8OPT) and its client, when known. */
export interface EntryReader {
  capabilities?: number;
  client?: PeerClient;
}

const ABSENCE_TITLES: Record<Language, Record<'away' | 'busy', string>> = {
  'zh-CN': { away: '离开', busy: '忙碌' },
  en: { away: 'Away', busy: 'Busy' },
};

/** Away or busy, as IP Messenger's absence mode; online and invisible are not absent. */
export function absenceOf(me: Presence): EntryIdentity['absence'] {
  if (me.status !== 'away' && me.status !== 'busy') return undefined;
  return { status: me.status, title: ABSENCE_TITLES[me.language ?? 'zh-CN'][me.status] };
}

export function ownEntryCommand(mode: number, me: Presence): number {
  return mode | Opt.CAPUTF8OPT | (absenceOf(me) ? Opt.ABSENCEOPT : 0);
}

/** Whether our entries to iptux carry its fields (see ownEntryExtra): ASCII names. */
export function iptuxCompatible(me: Presence, legacy: LegacyEncoding): boolean {
  return entryEncoding(me, legacy) === 'utf8';
}

/**
 * Our entry payload. Broadcasts carry the names in one encoding only; the UTF-8 block
 * (with Pigeon's SG:/ST: lines) goes to a peer that advertised CAPUTF8OPT, by unicast.
 * iptux gets its own `icon\0encoding\0` fields when our names are ASCII: it then counts
 * us iptux-compatible and sends us its signature (0xFC), and since it then reads our
 * text as UTF-8 without converting, that is only said while everything we send it is
 * UTF-8 anyway. Pigeon's signed key lines (keys/signed-entry.ts) end the block, or make
 * one of their own in a broadcast.
 */
export function ownEntryExtra(
  me: Presence,
  legacy: LegacyEncoding,
  to: EntryReader = {},
  keyLines?: string,
): Buffer {
  const identity: EntryIdentity = {
    nickname: me.nickname,
    group: me.group,
    user: me.user,
    host: me.host,
    appVersion: PIGEON_APP_VERSION,
    signature: me.signature,
    absence: absenceOf(me),
    avatar: me.avatar,
  };
  const encoding = entryEncoding(me, legacy);
  const utf8Block = to.capabilities !== undefined && hasOption(to.capabilities, Opt.CAPUTF8OPT);
  if (to.client !== 'iptux' || utf8Block || !iptuxCompatible(me, legacy))
    return buildEntryExtra(identity, encoding, { utf8Block, keyLines });
  // iptux reads the field after the group as its icon: its own fields, not our key lines
  // (iptux has no use for them).
  const extra = buildEntryExtra(identity, encoding, { utf8Block });
  return Buffer.concat([extra, encodeText('\0utf-8\0', 'utf8')]);
}
