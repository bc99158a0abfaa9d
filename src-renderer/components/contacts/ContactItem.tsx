import { memo, useCallback, type MouseEvent } from 'react';
import type { PeerDTO } from '../../../src-shared/contract';
import { contactSecondLine, contactTooltip } from '../../format/contact-facts';
import type { ListWords } from '../../hooks/use-list-words';
import { Avatar } from '../common/Avatar';

interface ContactItemProps {
  peer: PeerDTO;
  /** The remark the user gave, or the peer's own name. */
  name: string;
  unread: number;
  /** The one item in the tab order (roving tabindex). */
  current: boolean;
  words: ListWords;
  hintId: string;
  /** Where the virtualised list draws the row. */
  top: number;
  onOpen(peerId: string): void;
  onMenu(peerId: string, event: MouseEvent<HTMLElement>): void;
  onFocusPeer(peerId: string): void;
  register(peerId: string, element: HTMLElement | null): void;
}

/**
 * One compact contact row (about 40 px): avatar, name and unread badge, then the
 * second line. Named by name, status and unread count; the client and the full
 * details are in the hover text, not on every row.
 */
export const ContactItem = memo(function ContactItem({
  peer,
  name,
  unread,
  current,
  words,
  hintId,
  top,
  onOpen,
  onMenu,
  onFocusPeer,
  register,
}: ContactItemProps) {
  const ref = useCallback(
    (element: HTMLDivElement | null) => register(peer.id, element),
    [register, peer.id],
  );
  const status = words.status[peer.status];
  const named = peer.keyVerified ? `${name} ${words.verified}` : name;
  const label = unread > 0 ? `${named} ${status} ${words.unread(unread)}` : `${named} ${status}`;
  const seen =
    peer.status === 'offline' && peer.lastSeen > 0 ? words.lastSeen(peer.lastSeen, Date.now()) : '';

  return (
    <div
      ref={ref}
      role="listitem"
      tabIndex={current ? 0 : -1}
      className={`contact contact-${peer.status}`}
      style={{ transform: `translateY(${top}px)` }}
      data-item-id={peer.id}
      data-peer-id={peer.id}
      aria-label={label}
      aria-describedby={hintId}
      title={contactTooltip(peer, name, words.client(peer.client))}
      onDoubleClick={() => onOpen(peer.id)}
      onContextMenu={(event) => onMenu(peer.id, event)}
      onFocus={() => onFocusPeer(peer.id)}
    >
      <Avatar id={peer.id} name={name} status={peer.status} size="small" />
      <div className="contact-main" aria-hidden="true">
        <span className="contact-name">{name}</span>
        {/* The one place for what a contact says about itself; address and host for now.
            Away and offline are said in words too: the dot's colour is never the only sign. */}
        <span className="contact-second-line">
          {peer.keyVerified && <span className="contact-verified">✓ {words.verified}</span>}
          {peer.status !== 'online' && (
            <span className={`contact-status status-text-${peer.status}`}>{status}</span>
          )}
          {contactSecondLine(peer)}
          {seen && <span className="contact-last-seen">{seen}</span>}
        </span>
      </div>
      {unread > 0 && (
        <span className="unread-badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </div>
  );
});
