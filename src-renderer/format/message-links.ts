import { find } from 'linkifyjs';
import { findUncPaths } from '../../src-shared/contract/unc-path';

/**
 * A run of a message's text: plain, a web link with the address it opens, or a Windows
 * shared folder (\\server\share) to show in the file manager.
 */
export type TextRun =
  | { text: string; href?: undefined; folder?: undefined }
  | { text: string; href: string; folder?: undefined }
  | { text: string; folder: string; href?: undefined };

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
  const links: { start: number; end: number; run: TextRun }[] = [];
  for (const match of find(text, 'url')) {
    const href = webAddress(match.href);
    if (!href) continue;
    const { start, end } = match;
    links.push({ start, end, run: { text: text.slice(start, end), href } });
  }
  for (const { start, end, path } of findUncPaths(text))
    links.push({ start, end, run: { text: path, folder: path } });
  links.sort((a, b) => a.start - b.start);
  const runs: TextRun[] = [];
  let at = 0;
  for (const { start, end, run } of links) {
    if (start < at) continue;
    if (start > at) runs.push({ text: text.slice(at, start) });
    runs.push(run);
    at = end;
  }
  if (at < text.length || runs.length === 0) runs.push({ text: text.slice(at) });
  return runs;
}
