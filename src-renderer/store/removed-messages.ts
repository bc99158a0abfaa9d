import type { ConversationMessages } from './state';

/** The loaded messages without the ones deleted (on this computer); the same entry if none was loaded. */
export function withoutMessages(
  entry: ConversationMessages,
  removed: ReadonlySet<string>,
): ConversationMessages {
  if (!entry.ids.some((id) => removed.has(id))) return entry;
  const byId = new Map(entry.byId);
  for (const id of removed) byId.delete(id);
  return { ...entry, ids: entry.ids.filter((id) => !removed.has(id)), byId };
}
