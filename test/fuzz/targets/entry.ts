// Fuzz target: the entry extra (`nick\0group\0` and its extensions: IP Messenger 4.x's
// UTF-8 block, iptux's icon and encoding), read as each kind of sender. Invariants:
// nothing throws; no field longer than the bytes it came from; what Pigeon writes for
// the names it read reads back as the same names.
import {
  buildEntryExtra,
  LEGACY_ENCODINGS,
  makeCommand,
  Mode,
  Opt,
  parseEntryExtra,
} from '../../../src-main/core/ipmsg';
import { check, flagsOf } from './invariant';

const SENDERS = ['1', '1_iptux 0.8.3', '1_lbt6_0#128#5C260A1B2C3D#0#0#0#4001#9', '1_pigeon 0.1.0'];
const MODES = [Mode.BR_ENTRY, Mode.ANSENTRY, Mode.BR_ABSENCE, Mode.BR_EXIT];
const OPTIONS = [0, Opt.UTF8OPT, Opt.CAPUTF8OPT, Opt.ABSENCEOPT];

/** What the writer keeps of a name: no NUL, line breaks as one space. */
const asWritten = (text: string): string => text.replace(/\0/g, '').replace(/[\r\n]+/g, ' ');

export function fuzz(data: Buffer): void {
  const { flags, rest } = flagsOf(data);
  let options = 0;
  OPTIONS.forEach((bit, i) => {
    if (flags & (1 << i)) options |= bit;
  });
  const command = makeCommand(MODES[(flags >> 4) & 3] ?? Mode.BR_ENTRY, options);
  const legacy = LEGACY_ENCODINGS[(flags >> 6) & 3] ?? 'gb18030';
  const version = SENDERS[rest.length % SENDERS.length];
  const info = parseEntryExtra(rest, command, legacy, { version });

  const fields = [info.nickname, info.group, info.absenceTitle ?? '', info.iptux?.icon ?? ''];
  for (const field of fields) check(field.length <= rest.length, 'a field outgrew its bytes');
  for (const value of Object.values(info.block ?? {})) {
    check(value === undefined || value.length <= rest.length, 'a block field outgrew its bytes');
  }

  // Written as Pigeon writes its own entry (UTF-8 and the block), then read by a Pigeon.
  const written = buildEntryExtra(
    { nickname: info.nickname, group: info.group, user: 'u', host: 'h' },
    'utf8',
    { utf8Block: true },
  );
  const back = parseEntryExtra(
    written,
    makeCommand(Mode.BR_ENTRY, Opt.UTF8OPT | Opt.CAPUTF8OPT),
    'gb18030',
    { version: '1_pigeon 0.1.0' },
  );
  check(back.nickname === asWritten(info.nickname), 'nickname changed in a round trip');
  check(back.group === asWritten(info.group), 'group changed in a round trip');
}
