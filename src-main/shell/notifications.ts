import { Notification } from 'electron';
import type { MessageDTO, PigeonEvent } from '../../preload/contract';
import type { ShellState } from './shell-state';

export interface NotifierOptions {
  state: ShellState;
  isConversationFocused(conversationId: string): boolean;
  showConversation(conversationId: string): void;
  icon?: string;
}

const BODY_CHARS = 200;
/** Message ids remembered so an update of the same message never notifies twice. */
const REMEMBERED = 500;

/**
 * A desktop notification for each new incoming message whose chat window is not
 * in front; clicking it opens the conversation.
 */
export class MessageNotifier {
  private readonly seen = new Set<string>();
  /** Held so a notification (and its click handler) outlives garbage collection. */
  private readonly showing = new Set<Notification>();

  constructor(private readonly options: NotifierOptions) {}

  onEvent(event: PigeonEvent): void {
    if (event.type !== 'message') return;
    const { message } = event;
    if (message.direction !== 'in' || this.seen.has(message.id)) return;
    this.remember(message.id);
    if (this.options.isConversationFocused(message.conversationId)) return;
    if (!Notification.isSupported()) return;
    this.show(message);
  }

  dispose(): void {
    for (const notification of this.showing) notification.close();
    this.showing.clear();
  }

  private show(message: MessageDTO): void {
    const text =
      message.text.length > BODY_CHARS ? `${message.text.slice(0, BODY_CHARS)}…` : message.text;
    const notification = new Notification({
      title: this.options.state.conversationTitle(message.conversationId),
      body: text,
      ...(this.options.icon ? { icon: this.options.icon } : {}),
    });
    const forget = (): void => {
      this.showing.delete(notification);
    };
    notification.on('click', () => {
      forget();
      this.options.showConversation(message.conversationId);
    });
    notification.on('close', forget);
    this.showing.add(notification);
    notification.show();
  }

  private remember(messageId: string): void {
    this.seen.add(messageId);
    if (this.seen.size > REMEMBERED) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }
}
