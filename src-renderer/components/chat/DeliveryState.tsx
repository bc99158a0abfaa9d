import { useTranslation } from 'react-i18next';
import type { MessageDTO } from '../../../src-shared/contract';
import { ClockIcon, TickIcon } from '../common/icons';
import { GroupDeliveryLine } from './GroupDeliveryLine';
import { isPlainConversation } from '../../format/plain-contact';

export interface DeliveryActions {
  onResend(messageId: string): void;
  /** Withdraw a queued message before it goes out. */
  onCancel(messageId: string): void;
}

/**
 * Under my own messages: where each one is. Quiet when all is well (nothing while it is
 * on its way, one tick once delivered, words for screen readers); in words, with what can
 * be done about it, when it waits or failed.
 */
export function DeliveryState({
  message,
  onResend,
  onCancel,
}: { message: MessageDTO } & DeliveryActions) {
  const { t } = useTranslation();
  // A Pigeon group's message: how many members have it, whatever each copy is doing.
  if (message.delivery && message.state !== 'failed')
    return <GroupDeliveryLine message={{ ...message, delivery: message.delivery }} />;
  switch (message.state) {
    case 'queued':
      // Waiting for the peer to come back: pending, not a failure.
      return (
        <p className="message-state state-queued">
          <span className="state-with-icon" title={t('chat.queuedHint')}>
            <ClockIcon className="state-icon" />
            {t('chat.queued')}
          </span>
          <button type="button" className="link-button" onClick={() => onCancel(message.id)}>
            {t('chat.cancel')}
          </button>
        </p>
      );
    case 'sending':
      return (
        <p className="message-state state-sending">
          <span className="visually-hidden">{t('chat.sending')}</span>
        </p>
      );
    case 'delivered':
      // A plain contact (UDP or TCP) sends no receipt: "sent" is all that is known (and a note
      // when its encoding could not hold every character).
      if (isPlainConversation(message.conversationId)) {
        return (
          <p className="message-state state-delivered" title={t('plain.sentHint')}>
            {t('plain.sent')}
            {message.error && <span className="state-note">{message.error}</span>}
          </p>
        );
      }
      return (
        <p className="message-state state-delivered" title={t('chat.delivered')}>
          <TickIcon className="state-icon" />
          <span className="visually-hidden">{t('chat.delivered')}</span>
        </p>
      );
    case 'cancelled':
      return <p className="message-state state-cancelled">{t('chat.cancelled')}</p>;
    case 'failed':
      return (
        <p className="message-state state-failed">
          <span title={message.error}>{t('chat.failed')}</span>
          {message.error &&
            // A plain program's refusal (not connected, port closed) is said in full: the
            // user chose refusing over queueing and must see why text did not go.
            (isPlainConversation(message.conversationId) ? (
              <span className="state-note">{message.error}</span>
            ) : (
              <span className="visually-hidden">: {message.error}</span>
            ))}
          <button type="button" className="link-button" onClick={() => onResend(message.id)}>
            {t('chat.resend')}
          </button>
        </p>
      );
    default:
      return null;
  }
}
