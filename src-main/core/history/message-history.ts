import type { MessageDTO } from '../../../src-shared/contract';

/**
 * Where messages are kept. The slice keeps them in memory; the SQLite store
 * implements the same interface.
 */
export interface MessageHistory {
  add(message: MessageDTO): void;
  update(message: MessageDTO): void;
  get(id: string): MessageDTO | undefined;
  /** Up to `limit` messages of a conversation older than `before` (or the latest), oldest first. */
  list(conversationId: string, options?: { before?: string; limit?: number }): MessageDTO[];
}

export const DEFAULT_PAGE = 50;
