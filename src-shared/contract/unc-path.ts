// Windows shared folders as people paste them into chats: \\fileserver\share\folder.
// Zod-free, so the renderer finds them in text with the same rule main accepts them by.

/** Characters a server, share or folder name cannot hold, plus spaces and CJK punctuation. */
const NAME = String.raw`[^\s\\/:*?"<>|，。；：！？、（）【】「」《》]+`;

/** A whole request's path: \\server\share, then any folders. */
const WHOLE = new RegExp(String.raw`^\\\\${NAME}(?:\\${NAME})+\\?$`, 'u');

/** The longest path accepted. */
export const MAX_UNC_PATH_CHARS = 1024;

export function isUncPath(text: string): boolean {
  return text.length <= MAX_UNC_PATH_CHARS && WHOLE.test(text);
}

/** Every shared-folder path in a text, with where it starts and ends. */
export function findUncPaths(text: string): { start: number; end: number; path: string }[] {
  const found: { start: number; end: number; path: string }[] = [];
  const pattern = new RegExp(String.raw`\\\\${NAME}(?:\\${NAME})+\\?`, 'gu');
  for (const match of text.matchAll(pattern)) {
    // A sentence's full stop or comma after a path is not part of it.
    let path = match[0];
    while (path.length > 0 && '.,;)'.includes(path.at(-1) as string)) path = path.slice(0, -1);
    if (!isUncPath(path)) continue;
    found.push({ start: match.index, end: match.index + path.length, path });
  }
  return found;
}
