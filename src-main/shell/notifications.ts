import { Notification } from 'electron';
import type { MessageDTO, PigeonEvent, TransferDTO } from '../../src-shared/contract';
import { mentions } from '../../src-shared/contract/mentions';
import { addBounded, rememberBounded } from '../core/bounded';
import { labelsFor, type ShellLabels } from './labels';
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
  /** Incoming offers by id, to say what a message with files carries. */
  private readonly offers = new Map<string, TransferDTO>();
  private disposed = false;
  /** Held so a notification (and its click handler) outlives garbage collection. */
  private readonly showing = new Set<Notification>();

  constructor(private readonly options: NotifierOptions) {}

  onEvent(event: PigeonEvent): void {
    if (event.type === 'transfer' && event.transfer.direction === 'in') {
      rememberBounded(this.offers, event.transfer.id, event.transfer, REMEMBERED);
      return;
    }
    if (event.type !== 'message') return;
    const { message } = event;
    if (message.direction !== 'in' || this.seen.has(message.id)) return;
    addBounded(this.seen, message.id, REMEMBERED);
    if (this.options.isConversationFocused(message.conversationId)) return;
    // A muted group stays quiet, except for a message that mentions us (@nickname).
    const nickname = this.options.state.self?.nickname ?? '';
    if (this.options.state.isMuted(message.conversationId) && !mentions(message.text, nickname))
      return;
    if (!Notification.isSupported()) return;
    const { transferId } = message;
    // The offer's own event may follow its message's: wait a moment for it.
    if (transferId !== undefined && !this.offers.has(transferId))
      setTimeout(() => this.show(message), 0);
    else this.show(message);
  }

  dispose(): void {
    this.disposed = true;
    for (const notification of this.showing) notification.close();
    this.showing.clear();
  }

  private show(message: MessageDTO): void {
    if (this.disposed) return;
    const labels = labelsFor(this.options.state.self?.language);
    // A sealed message is read only by opening it in its chat, never on the desktop.
    const text =
      message.sealed && message.readAt === undefined
        ? labels.sealed
        : message.text.length > BODY_CHARS
          ? `${message.text.slice(0, BODY_CHARS)}…`
          : message.text;
    // In a group the title is the group's: the body says who wrote.
    const said =
      message.authorId === undefined
        ? text
        : `${this.options.state.peerName(message.authorId)}: ${text}`;
    const body =
      message.transferId === undefined
        ? said
        : [describeOffer(this.offers.get(message.transferId), labels), said]
            .filter((line) => line.trim() !== '')
            .join('\n');
    const notification = new Notification({
      title: this.options.state.conversationTitle(message.conversationId),
      body,
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
}

/** "Sent you 3 files", "Sent you a folder: photos", "Sent you a picture". */
export function describeOffer(transfer: TransferDTO | undefined, labels: ShellLabels): string {
  const first = transfer?.items[0];
  if (!transfer || !first) return labels.offer.unknown;
  if (transfer.image) return labels.offer.picture;
  if (transfer.items.length === 1 && first.kind === 'directory')
    return labels.offer.folder(first.name);
  return labels.offer.files(transfer.items.length, first.name);
}
