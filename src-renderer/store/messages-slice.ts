import type { MessageDTO } from '../../preload/contract';
import type { ConversationMessages } from './state';

export const emptyConversationMessages: ConversationMessages = {
  ids: [],
  byId: new Map(),
  hasOlder: false,
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
  return { ids, byId, hasOlder: entry.hasOlder };
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
  return { ...merged, hasOlder: entry ? entry.hasOlder : page.length >= limit };
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
