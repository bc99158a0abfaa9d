/**
 * An @mention (@小王) of the user in a group message: it notifies even when the group is
 * muted. Zod-free: the renderer and the desktop shell both ask it. A mention is `@` and
 * the nickname, not followed by more of a word (so @Ann does not mention Anna).
 */
export function mentions(text: string, nickname: string): boolean {
  const name = nickname.trim();
  if (name === '') return false;
  let from = 0;
  for (;;) {
    const at = text.indexOf(`@${name}`, from);
    if (at === -1) return false;
    const next = text.charAt(at + name.length + 1);
    if (next === '' || !/[\p{L}\p{N}_]/u.test(next)) return true;
    from = at + 1;
  }
}
