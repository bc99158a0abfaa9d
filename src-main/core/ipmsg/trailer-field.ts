/**
 * The first field after a SENDMSG's text: the bytes between the text's NUL and the next
 * NUL (or the end), where Pigeon puts its markers and other clients never look.
 */
export function trailerField(extra: Buffer): string | undefined {
  const nul = extra.indexOf(0);
  if (nul === -1) return undefined;
  const rest = extra.subarray(nul + 1);
  const end = rest.indexOf(0);
  return (end === -1 ? rest : rest.subarray(0, end)).toString('latin1');
}
