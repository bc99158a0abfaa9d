import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDTO } from '../../../preload/contract';
import { formatFull } from '../../format/time';
import { Avatar } from '../common/Avatar';

interface MessageItemProps {
  message: MessageDTO;
  /** The stamp shown above the message when time passed since the previous one. */
  stamp: string | undefined;
  author: { id: string; name: string };
  onResend(messageId: string): void;
}

/**
 * One message: a bubble, right for mine and left for theirs. The text is text:
 * React escapes it, newlines are kept by CSS, links stay plain.
 */
export const MessageItem = memo(function MessageItem({
  message,
  stamp,
  author,
  onResend,
}: MessageItemProps) {
  const { t, i18n } = useTranslation();
  const mine = message.direction === 'out';
  return (
    <>
      {stamp && (
        <p className="message-stamp">
          <time dateTime={new Date(message.at).toISOString()}>{stamp}</time>
        </p>
      )}
      <article className={mine ? 'message message-out' : 'message message-in'}>
        <Avatar id={author.id} name={author.name} size="small" />
        <div className="message-body">
          <span className="visually-hidden">
            {mine ? t('chat.youSaid') : t('chat.peerSaid', { name: author.name })}
          </span>
          <div className="bubble" title={formatFull(message.at, i18n.language)}>
            <p className="message-text">{message.text}</p>
          </div>
          {mine && <DeliveryState message={message} onResend={onResend} />}
        </div>
      </article>
    </>
  );
});

function DeliveryState({
  message,
  onResend,
}: {
  message: MessageDTO;
  onResend(messageId: string): void;
}) {
  const { t } = useTranslation();
  switch (message.state) {
    case 'sending':
      return <p className="message-state state-sending">{t('chat.sending')}</p>;
    case 'delivered':
      return <p className="message-state state-delivered">{t('chat.delivered')}</p>;
    case 'failed':
      return (
        <p className="message-state state-failed">
          <span title={message.error}>{t('chat.failed')}</span>
          {message.error && <span className="visually-hidden">: {message.error}</span>}
          <button type="button" className="link-button" onClick={() => onResend(message.id)}>
            {t('chat.resend')}
          </button>
        </p>
      );
    default:
      return null;
  }
}
