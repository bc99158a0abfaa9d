// Unsent text per conversation, kept in the window's local storage so that closing a chat
// window (Esc) and opening it again later finds the text where it was left.

const PREFIX = 'pigeon.draft.';
/** A draft is the composer's text: never more than a message may hold, with margin. */
const MAX_DRAFT_CHARS = 50_000;

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled: drafts just do not survive the window
  }
}

export function readDraft(conversationId: string): string {
  const value = storage()?.getItem(PREFIX + conversationId);
  return typeof value === 'string' ? value.slice(0, MAX_DRAFT_CHARS) : '';
}

export function saveDraft(conversationId: string, text: string): void {
  const store = storage();
  if (!store) return;
  try {
    if (text.trim() === '') store.removeItem(PREFIX + conversationId);
    else store.setItem(PREFIX + conversationId, text.slice(0, MAX_DRAFT_CHARS));
  } catch {
    // Quota reached: the draft stays only in the open window.
  }
}
