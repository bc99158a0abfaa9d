import type { MessageDTO } from '../../../../../src-shared/contract';
import { DEFAULT_PAGE, type MessagesRepo } from '../../../../../src-main/core/store/messages-repo';

/** What the model and the SQLite repository both answer: the tests run against each. */
export type MessageHistory = Pick<MessagesRepo, 'add' | 'update' | 'get' | 'list'>;

/** The simplest correct history, kept as the model the SQLite repository is checked against. */
export class MemoryHistory implements MessageHistory {
  private readonly byId = new Map<string, MessageDTO>();
  private readonly byConversation = new Map<string, string[]>();

  add(message: MessageDTO): void {
    this.byId.set(message.id, message);
    const ids = this.byConversation.get(message.conversationId) ?? [];
    ids.push(message.id);
    this.byConversation.set(message.conversationId, ids);
  }

  update(message: MessageDTO): void {
    if (this.byId.has(message.id)) this.byId.set(message.id, message);
  }

  get(id: string): MessageDTO | undefined {
    return this.byId.get(id);
  }

  list(conversationId: string, options: { before?: string; limit?: number } = {}): MessageDTO[] {
    const ids = this.byConversation.get(conversationId) ?? [];
    let end = ids.length;
    if (options.before !== undefined) {
      const at = ids.indexOf(options.before);
      if (at >= 0) end = at;
    }
    const limit = options.limit ?? DEFAULT_PAGE;
    return ids
      .slice(Math.max(0, end - limit), end)
      .map((id) => this.byId.get(id))
      .filter((m): m is MessageDTO => m !== undefined);
  }
}
