import { find } from 'linkifyjs';

/** A run of a message's text: plain, or a web link with the address it opens. */
export type TextRun = { text: string; href?: undefined } | { text: string; href: string };

/** Only web addresses become links: the desktop app opens nothing else (see security.ts). */
function webAddress(href: string): string | undefined {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The text cut into plain runs and links, in order; joined they give back the text.
 * "www.example.com" and "example.cn/path" count, as people type them.
 */
export function linkRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let at = 0;
  for (const match of find(text, 'url')) {
    const href = webAddress(match.href);
    if (!href || match.start < at) continue;
    if (match.start > at) runs.push({ text: text.slice(at, match.start) });
    runs.push({ text: text.slice(match.start, match.end), href });
    at = match.end;
  }
  if (at < text.length || runs.length === 0) runs.push({ text: text.slice(at) });
  return runs;
}
