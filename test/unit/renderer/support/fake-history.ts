import type { ChannelRequest, MessageDTO } from '../../../../src-shared/contract';
import { message } from './fixtures';

/** A conversation of `count` messages, m0 the oldest, a second apart. */
export function conversationOf(count: number, conversationId = 'alice@lan-pc'): MessageDTO[] {
  return Array.from({ length: count }, (_, i) =>
    message({
      id: `m${i}`,
      conversationId,
      text: `message ${i}`,
      at: 1_700_000_000_000 + i * 1000,
    }),
  );
}

/**
 * listMessages as main answers it: the latest page, or a page before, after or
 * around a message, oldest first, at most `limit`.
 */
export function pagesOf(history: readonly MessageDTO[]) {
  return async (request?: ChannelRequest<'listMessages'>): Promise<MessageDTO[]> => {
    const limit = request?.limit ?? 50;
    const indexOf = (id: string | undefined) => history.findIndex((m) => m.id === id);
    if (request?.around !== undefined) {
      const at = indexOf(request.around);
      const start = Math.max(0, Math.min(at - Math.floor((limit - 1) / 2), history.length - limit));
      return history.slice(start, start + limit);
    }
    if (request?.after !== undefined) {
      const at = indexOf(request.after);
      return history.slice(at + 1, at + 1 + limit);
    }
    if (request?.before !== undefined) {
      const at = indexOf(request.before);
      return history.slice(Math.max(0, at - limit), at);
    }
    return history.slice(-limit);
  };
}
