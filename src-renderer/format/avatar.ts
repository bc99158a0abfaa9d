/** The first visible character of a name: a letter or a Han character. */
export function initialOf(name: string): string {
  const first = [...name.trim()][0];
  return first ? first.toLocaleUpperCase() : '?';
}

/** Number of avatar colours in the stylesheet (.avatar-0 … .avatar-7). */
export const AVATAR_COLOURS = 8;

/** A stable colour per peer, from its id. */
export function colourIndexOf(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i += 1) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % AVATAR_COLOURS;
}
