// A message changed: the windows hear of it and of its conversation (preview, unread count,
// order), in that order. Messaging, sealed messages, transfers and plain contacts all say it
// here, instead of each restating the pair of events or handing the facade a closure.
import type { MessageDTO } from '../../src-shared/contract';
import type { EventHub } from './event-hub';
import type { ConversationsRepo } from './store/conversations-repo';

export class MessageAnnouncer {
  constructor(
    private readonly events: Pick<EventHub, 'emit'>,
    private readonly conversations: ConversationsRepo,
  ) {}

  /** `shown` is what the windows see, when it differs (a sealed message shows no text). */
  announce(message: MessageDTO, isNew: boolean, shown: MessageDTO = message): void {
    this.events.emit({ type: 'message', message: shown });
    const conversation = this.conversations.noteMessage(message, isNew);
    this.events.emit({ type: 'conversation', conversation });
  }
}
