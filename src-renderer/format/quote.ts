// A quote travels as plain text every IPMsg client shows sensibly: the quoted lines,
// each after "> ", the first naming its author, then an empty line and the reply.
// Pigeon shows such a head as a quote block above the reply.

/** What a quote carries at most: enough to recognise the message, not a copy of it. */
const MAX_QUOTED_CHARS = 200;
const PREFIX = '> ';

export interface QuotedMessage {
  author: string;
  text: string;
}

/** The quote as it goes ahead of the reply's text. */
export function quoteHead({ author, text }: QuotedMessage): string {
  const flat = text.trim();
  const short = flat.length > MAX_QUOTED_CHARS ? `${flat.slice(0, MAX_QUOTED_CHARS)}…` : flat;
  const lines = `${author}: ${short}`.split(/\r?\n/);
  return `${lines.map((line) => PREFIX + line).join('\n')}\n\n`;
}

/** A message cut into its quote (without the "> " marks) and the reply; no quote: all reply. */
export function splitQuote(text: string): { quote?: string; reply: string } {
  if (!text.startsWith(PREFIX)) return { reply: text };
  const lines = text.split('\n');
  const end = lines.findIndex((line) => !line.startsWith(PREFIX));
  // A quote is followed by an empty line and something else: otherwise it is just text.
  if (end <= 0 || lines[end] !== '' || end + 1 >= lines.length) return { reply: text };
  return {
    quote: lines
      .slice(0, end)
      .map((line) => line.slice(PREFIX.length))
      .join('\n'),
    reply: lines.slice(end + 1).join('\n'),
  };
}
