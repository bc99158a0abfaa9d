import type { MessageDTO } from '../../src-shared/contract';
import type { ConversationMessages } from './state';

export const emptyConversationMessages: ConversationMessages = {
  ids: [],
  byId: new Map(),
  hasOlder: false,
  hasNewer: false,
};

/**
 * Insert or replace messages, keeping ids ordered by `at`. Copies the entry once
 * per call, so a batch of events costs one copy, not one per message.
 */
export function upsertMessages(
  entry: ConversationMessages,
  messages: readonly MessageDTO[],
): ConversationMessages {
  if (messages.length === 0) return entry;
  const ids = [...entry.ids];
  const byId = new Map(entry.byId);
  for (const message of messages) {
    const previous = byId.get(message.id);
    byId.set(message.id, message);
    if (previous && previous.at === message.at) continue;
    if (previous) ids.splice(ids.indexOf(message.id), 1);
    ids.splice(insertionIndex(ids, byId, message.at), 0, message.id);
  }
  return { ...entry, ids, byId };
}

/**
 * Messages from events and commands. The loaded messages are one unbroken stretch
 * of the conversation; a message outside it (older than the first while older ones
 * are not loaded, newer than the last while newer ones are not) would leave a hole,
 * so it is left for paging to bring, and a loaded one that moved out of it goes.
 */
export function upsertLiveMessages(
  entry: ConversationMessages,
  messages: readonly MessageDTO[],
): ConversationMessages {
  const first = entry.byId.get(entry.ids[0] ?? '');
  const last = entry.byId.get(entry.ids[entry.ids.length - 1] ?? '');
  const outside = (message: MessageDTO) =>
    (entry.hasOlder && first !== undefined && message.at < first.at) ||
    (entry.hasNewer && last !== undefined && message.at > last.at);
  const inside = messages.filter((message) => !outside(message));
  const gone = messages.filter((message) => outside(message) && entry.byId.has(message.id));
  const merged = upsertMessages(entry, inside);
  if (gone.length === 0) return merged;
  const goneIds = new Set(gone.map((message) => message.id));
  const byId = new Map(merged.byId);
  for (const id of goneIds) byId.delete(id);
  return { ...merged, ids: merged.ids.filter((id) => !goneIds.has(id)), byId };
}

/** First index whose message is later than `at` (after equal ones: arrival order wins ties). */
function insertionIndex(
  ids: readonly string[],
  byId: ReadonlyMap<string, MessageDTO>,
  at: number,
): number {
  // Messages nearly always arrive in order: check the end before searching.
  const last = ids[ids.length - 1];
  if (last === undefined || (byId.get(last)?.at ?? 0) <= at) return ids.length;
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const id = ids[middle] as string;
    if ((byId.get(id)?.at ?? 0) <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The latest page of a conversation (first load, or again after a reconnect).
 * Whether older messages exist is only learnt on the first load; later pages own it.
 */
export function mergeLatestPage(
  entry: ConversationMessages | undefined,
  page: readonly MessageDTO[],
  limit: number,
): ConversationMessages {
  const merged = upsertMessages(entry ?? emptyConversationMessages, page);
  return { ...merged, hasOlder: entry ? entry.hasOlder : page.length >= limit, hasNewer: false };
}

/** The latest page instead of whatever was loaded (back from a search hit to the present). */
export function latestPageOnly(page: readonly MessageDTO[], limit: number): ConversationMessages {
  const fresh = upsertMessages(emptyConversationMessages, page);
  return { ...fresh, hasOlder: page.length >= limit, hasNewer: false };
}

/** A page of older messages, asked for with `before`. */
export function mergeOlderPage(
  entry: ConversationMessages | undefined,
  page: readonly MessageDTO[],
  limit: number,
): ConversationMessages {
  const merged = upsertMessages(entry ?? emptyConversationMessages, page);
  return { ...merged, hasOlder: page.length >= limit };
}

/** A page of newer messages, asked for with `after`; a short page means the latest is in. */
export function mergeNewerPage(
  entry: ConversationMessages | undefined,
  page: readonly MessageDTO[],
  limit: number,
): ConversationMessages {
  const merged = upsertMessages(entry ?? emptyConversationMessages, page);
  return { ...merged, hasNewer: page.length >= limit };
}

/**
 * The page around a message (opening at a search hit). It replaces what was loaded:
 * the two need not touch. A full page may have more on either side.
 */
export function aroundPageOnly(page: readonly MessageDTO[], limit: number): ConversationMessages {
  const fresh = upsertMessages(emptyConversationMessages, page);
  const full = page.length >= limit;
  return { ...fresh, hasOlder: full, hasNewer: full };
}
