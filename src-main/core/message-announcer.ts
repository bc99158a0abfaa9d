// A message changed: the windows hear of it and of its conversation (preview, unread count,
// order), in that order. Messaging, sealed messages, transfers and plain contacts all say it
// here, instead of each restating the pair of events or handing the facade a closure.
import type { ConversationDTO, MessageDTO } from '../../src-shared/contract';
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

  /**
   * The two halves of `announce` apart, for a received message: its conversation noted
   * in the transaction that stores it, the windows told after the acknowledgement left.
   */
  note(message: MessageDTO): ConversationDTO {
    return this.conversations.noteMessage(message, true);
  }

  /** Without a conversation when it did not change (a message not its last changed state). */
  tell(shown: MessageDTO, conversation: ConversationDTO | undefined): void {
    this.events.emit({ type: 'message', message: shown });
    if (conversation) this.events.emit({ type: 'conversation', conversation });
  }
}
