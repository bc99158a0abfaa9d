import { memo, useCallback, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDTO } from '../../../src-shared/contract';
import { groupNoticeLine } from '../../format/group-notice';
import { formatFull } from '../../format/time';
import { Avatar } from '../common/Avatar';
import { TransferCard } from '../transfer/TransferCard';
import { DeliveryState, type DeliveryActions } from './DeliveryState';
import { isSealedAway } from '../../format/sealed';
import { MessageText } from './MessageText';
import { SealedEnvelope, SealedMark } from './Sealed';

interface MessageItemProps extends DeliveryActions {
  message: MessageDTO;
  /** The stamp shown above the message when time passed since the previous one. */
  stamp: string | undefined;
  author: { id: string; name: string };
  /** The search hit the window was opened at, shown lit for a moment. */
  highlighted: boolean;
  /** Follows a message by the same author with no stamp between: shown under one avatar. */
  continued?: boolean;
  /** The oldest message unread when the window opened: the marker goes above it. */
  firstUnread?: boolean;
  /** Right-click: the message's menu (copy, quote, forward, recall, delete). */
  onMenu?(message: MessageDTO, event: MouseEvent): void;
  /** Keyboard reach (roving tabindex): the one message of the log in the tab order. */
  current?: boolean;
  register?(messageId: string, element: HTMLElement | null): void;
  onFocusItem?(messageId: string): void;
}

/**
 * One message: a bubble, right for mine and left for theirs. The text is text:
 * React escapes it, newlines are kept by CSS, web addresses become links.
 */
export const MessageItem = memo(function MessageItem({
  message,
  stamp,
  author,
  highlighted,
  continued = false,
  onResend,
  onCancel,
  onMenu,
  firstUnread = false,
  current = false,
  register,
  onFocusItem,
}: MessageItemProps) {
  const { t, i18n } = useTranslation();
  const ref = useCallback(
    (element: HTMLElement | null) => register?.(message.id, element),
    [register, message.id],
  );
  const mine = message.direction === 'out';
  const classes = ['message', mine ? 'message-out' : 'message-in'];
  if (message.state === 'cancelled') classes.push('message-cancelled');
  if (highlighted) classes.push('message-hit');
  if (continued) classes.push('message-continued');
  const stampLine = (
    <>
      {firstUnread && (
        <div className="unread-marker" role="separator" aria-label={t('chatLog.firstUnread')}>
          <span>{t('chatLog.firstUnread')}</span>
        </div>
      )}
      {stamp && (
        <p className="message-stamp">
          <time dateTime={new Date(message.at).toISOString()}>{stamp}</time>
        </p>
      )}
    </>
  );
  // A Pigeon group's own news ("小王 added 李四"): a line in the log, not a bubble.
  if (message.state === 'notice') {
    return (
      <>
        {stampLine}
        <p className="message-recalled group-notice" data-message-id={message.id}>
          {groupNoticeLine(t, message.text)}
        </p>
      </>
    );
  }
  // Taken back by its sender: a line in the log says so, the text is gone.
  if (message.state === 'recalled') {
    return (
      <>
        {stampLine}
        <p className="message-recalled" data-message-id={message.id}>
          {mine
            ? t('messageMenu.recalledByYou')
            : t('messageMenu.recalledBy', { name: author.name })}
        </p>
      </>
    );
  }
  // Encrypted, and it could not be opened: a line says so, so nothing vanishes silently.
  if (message.state === 'undecryptable') {
    return (
      <>
        {stampLine}
        <p className="message-recalled" role="note" data-message-id={message.id}>
          {t('chatLog.undecryptable', { name: author.name })}
        </p>
      </>
    );
  }
  return (
    <>
      {stampLine}
      <article
        className={classes.join(' ')}
        data-message-id={message.id}
        data-item-id={register ? message.id : undefined}
        ref={ref}
        tabIndex={register ? (current ? 0 : -1) : undefined}
        onFocus={onFocusItem && (() => onFocusItem(message.id))}
        onContextMenu={onMenu && ((event) => onMenu(message, event))}
      >
        <Avatar id={author.id} name={author.name} size="small" />
        <div className="message-body">
          <span className="visually-hidden">
            {mine ? t('chat.youSaid') : t('chat.peerSaid', { name: author.name })}
          </span>
          {/* In a group several people write: each incoming message names its author. */}
          {!mine && message.authorId !== undefined && !continued && (
            <p className="message-author" aria-hidden="true">
              {author.name}
            </p>
          )}
          {isSealedAway(message) && <SealedEnvelope message={message} />}
          {!isSealedAway(message) && (!message.transferId || message.text.trim() !== '') && (
            <div className="bubble" title={formatFull(message.at, i18n.language)}>
              <MessageText text={message.text} />
            </div>
          )}
          {message.transferId && <TransferCard transferId={message.transferId} />}
          {mine && <DeliveryState message={message} onResend={onResend} onCancel={onCancel} />}
          {mine && message.sealed && <SealedMark message={message} />}
        </div>
      </article>
    </>
  );
});
