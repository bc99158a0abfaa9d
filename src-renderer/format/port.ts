/** A port number typed by the user: a whole number from `min` to 65535, or undefined. */
export function parsePort(text: string, min = 1): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return undefined;
  const port = Number(trimmed);
  return port >= min && port <= 65535 ? port : undefined;
}
