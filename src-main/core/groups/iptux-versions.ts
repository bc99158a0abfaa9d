// Which iptux shows a group message (0xfb with GROUP). Up to 0.8.4 iptux never set the
// id of the group it files such a message under, so it finds no group, and the message
// is neither shown nor logged: dropped without a word (iptux PR #675, released in 0.8.5).
// Debian's 0.8.3 is one of those. Its broadcast and segment groups were never affected.

/** The first iptux that shows what it gets with the GROUP option. */
const FIRST_SHOWING_GROUP = [0, 8, 5] as const;

/**
 * Whether an iptux that announced `version` (the packet's version field, e.g.
 * `1_iptux 0.8.3`) shows group messages. A version that names no number is taken as a
 * newer one: the bug is known only in the numbered releases before 0.8.5.
 */
export function iptuxShowsGroupMessages(version: string | undefined): boolean {
  const found = /iptux[ _-]?v?(\d+)\.(\d+)(?:\.(\d+))?/i.exec(version ?? '');
  if (!found) return true;
  const numbers = [Number(found[1]), Number(found[2]), Number(found[3] ?? 0)];
  for (let i = 0; i < FIRST_SHOWING_GROUP.length; i++) {
    const have = numbers[i] ?? 0;
    const need = FIRST_SHOWING_GROUP[i] ?? 0;
    if (have !== need) return have > need;
  }
  return true;
}
