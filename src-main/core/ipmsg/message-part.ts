// A long message between Pigeons travels as several SENDMSGs; each part says which
// message it belongs to in a few ASCII bytes after the text's NUL, where other clients
// never look (and they are never sent one: toward them the parts stay separate messages).

/** One part of a message: its group (the first part's packet number), position and count. */
export interface MessagePart {
  group: number;
  index: number;
  count: number;
}

const TAG = 'PIGEONPART';
/** The contract caps a message at 20,000 characters: at most about ten 8 KB parts. */
export const MAX_PARTS = 64;
/** The longest trailer: what the sender keeps free in every part's datagram. */
export const PART_TRAILER_BYTES = `${TAG}:4294967295:${MAX_PARTS - 1}:${MAX_PARTS}\0`.length;

const PATTERN = new RegExp(`^${TAG}:(\\d{1,10}):(\\d{1,4}):(\\d{1,4})$`);

/** The trailer that follows the part's `text\0`. */
export function partTrailer(part: MessagePart): Buffer {
  return Buffer.from(`${TAG}:${part.group}:${part.index}:${part.count}\0`, 'latin1');
}

/**
 * Reads the trailer from a SENDMSG's extra (the bytes after the first NUL); undefined
 * when there is none or it does not make sense, so the message is taken as it is.
 */
export function readPartTrailer(extra: Buffer): MessagePart | undefined {
  const nul = extra.indexOf(0);
  if (nul === -1) return undefined;
  const rest = extra.subarray(nul + 1);
  const end = rest.indexOf(0);
  const field = (end === -1 ? rest : rest.subarray(0, end)).toString('latin1');
  const match = PATTERN.exec(field);
  if (!match) return undefined;
  const [group, index, count] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (group > 0xffffffff || count < 2 || count > MAX_PARTS || index >= count) return undefined;
  return { group, index, count };
}
