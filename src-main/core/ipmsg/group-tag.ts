// A Pigeon group message is an ordinary SENDMSG to each member; after the text's NUL,
// where other clients never look (and they are never sent one), a few ASCII bytes say
// which Pigeon group it belongs to and the digest of the sender's copy of the group.

const TAG = 'PIGEONGROUP';

/** What a group message carries besides its text: which group, and the sender's digest. */
export interface GroupTag {
  groupId: string;
  digest: string;
}

/** The longest trailer, kept free in a group message's datagram. */
export const GROUP_TRAILER_BYTES = `${TAG}:${'0'.repeat(36)}:${'0'.repeat(16)}\0`.length;

const PATTERN = new RegExp(`^${TAG}:([0-9a-f-]{36}):([0-9a-f]{16})$`);

export function groupTrailer(tag: GroupTag): Buffer {
  return Buffer.from(`${TAG}:${tag.groupId}:${tag.digest}\0`, 'latin1');
}

/** The tag after a SENDMSG's text; undefined when there is none or it makes no sense. */
export function readGroupTrailer(extra: Buffer): GroupTag | undefined {
  const nul = extra.indexOf(0);
  if (nul === -1) return undefined;
  const rest = extra.subarray(nul + 1);
  const end = rest.indexOf(0);
  const match = PATTERN.exec((end === -1 ? rest : rest.subarray(0, end)).toString('latin1'));
  if (!match) return undefined;
  return { groupId: match[1] as string, digest: match[2] as string };
}
