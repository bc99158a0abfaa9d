import { memo, useCallback, useId, type MouseEvent } from 'react';
import type { ListWords } from '../../hooks/use-list-words';
import type { RecentChat } from '../../store/recent-chat-rows';
import { Avatar } from '../common/Avatar';

interface RecentChatItemProps {
  chat: RecentChat;
  current: boolean;
  now: number;
  words: ListWords;
  hintId: string;
  top: number;
  onOpen(peerId: string): void;
  onMenu(conversationId: string, event: MouseEvent<HTMLElement>): void;
  onFocusChat(conversationId: string): void;
  register(conversationId: string, element: HTMLElement | null): void;
}

/**
 * One recent chat: avatar, name, time, the latest message and the unread count.
 * Named by the person alone; the rest is its description.
 */
export const RecentChatItem = memo(function RecentChatItem({
  chat,
  current,
  now,
  words,
  hintId,
  top,
  onOpen,
  onMenu,
  onFocusChat,
  register,
}: RecentChatItemProps) {
  const detailsId = useId();
  const ref = useCallback(
    (element: HTMLDivElement | null) => register(chat.conversationId, element),
    [register, chat.conversationId],
  );
  const stamp = chat.at === undefined ? '' : words.stamp(chat.at, now);
  const details = [
    chat.unread > 0 ? words.unread(chat.unread) : '',
    chat.pinned ? words.pinned : '',
    chat.preview,
    stamp,
  ].filter((part) => part !== '');

  return (
    <div
      ref={ref}
      role="listitem"
      tabIndex={current ? 0 : -1}
      className={`recent-chat${chat.pinned ? ' recent-chat-pinned' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-item-id={chat.conversationId}
      aria-label={chat.name}
      aria-describedby={`${detailsId} ${hintId}`}
      title={chat.name}
      onDoubleClick={() => onOpen(chat.peerId)}
      onContextMenu={(event) => onMenu(chat.conversationId, event)}
      onFocus={() => onFocusChat(chat.conversationId)}
    >
      <span id={detailsId} className="visually-hidden">
        {details.join(', ')}
      </span>
      <Avatar id={chat.peerId} name={chat.name} status={chat.status} size="small" />
      <div className="contact-main" aria-hidden="true">
        <span className="recent-chat-top">
          <span className="contact-name">{chat.name}</span>
          <span className="recent-chat-time">{stamp}</span>
        </span>
        <span className="recent-chat-bottom">
          <span className="contact-preview">{chat.preview}</span>
          {chat.pinned && <span className="pin-mark" title={words.pinned} />}
          {chat.unread > 0 && (
            <span className="unread-badge">{chat.unread > 99 ? '99+' : chat.unread}</span>
          )}
        </span>
      </div>
    </div>
  );
});
