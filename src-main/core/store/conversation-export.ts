import type { ExportDTO } from '../../../src-shared/contract';
import type { MessagesRepo } from './messages-repo';
import { formatChatLog, toExportJson } from './export';

/** A file name from a nickname: no path separators or characters Windows refuses. */
function safeFilePart(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim();
  return cleaned.length > 0 ? cleaned.slice(0, 60) : 'conversation';
}

/** A whole conversation as a readable chat log or as JSON, read a page at a time. */
export function exportConversation(
  history: MessagesRepo,
  conversationId: string,
  format: 'text' | 'json',
  names: { self: string; peer: string; author?: (peerId: string) => string },
  now: Date = new Date(),
): ExportDTO {
  const day = now.toISOString().slice(0, 10);
  const base = `Pigeon ${safeFilePart(names.peer)} ${day}`;
  const messages = history.iterate(conversationId);
  return format === 'text'
    ? {
        fileName: `${base}.txt`,
        mimeType: 'text/plain;charset=utf-8',
        content: formatChatLog(messages, { names }),
      }
    : { fileName: `${base}.json`, mimeType: 'application/json', content: toExportJson(messages) };
}
