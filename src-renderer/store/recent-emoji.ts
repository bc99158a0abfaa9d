// The emoji this user picked last, first in the picker (kept in local storage, like drafts).

const KEY = 'pigeon.recentEmoji';
const MAX_RECENT = 24;

export function readRecentEmoji(): string[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((e): e is string => typeof e === 'string' && e.length > 0 && e.length <= 16)
      .slice(0, MAX_RECENT);
  } catch {
    return [];
  }
}

/** `emoji` moves to the front; the list stays short. */
export function rememberEmoji(emoji: string): string[] {
  const recent = [emoji, ...readRecentEmoji().filter((e) => e !== emoji)].slice(0, MAX_RECENT);
  try {
    window.localStorage.setItem(KEY, JSON.stringify(recent));
  } catch {
    // Storage off or full: recent emoji last as long as the window.
  }
  return recent;
}
