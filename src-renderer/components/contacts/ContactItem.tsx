import { memo, useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeerDTO } from '../../../src-shared/contract';
import { displayName } from '../../format/display-name';
import { formatFull, formatStamp } from '../../format/time';
import { Avatar } from '../common/Avatar';
import { StatusText } from '../common/StatusText';

interface ContactItemProps {
  peer: PeerDTO;
  unread: number;
  /** The last message in one line (files and sealed messages described, not shown). */
  preview?: string | undefined;
  /** The one item in the tab order (roving tabindex). */
  current: boolean;
  hintId: string;
  onOpen(peerId: string): void;
  onFocusPeer(peerId: string): void;
  register(peerId: string, element: HTMLElement | null): void;
}

/**
 * One contact: avatar, nickname, presence, client kind, unread badge. Its
 * accessible name is built from the visible nickname, status and unread count.
 */
export const ContactItem = memo(function ContactItem({
  peer,
  unread,
  preview,
  current,
  hintId,
  onOpen,
  onFocusPeer,
  register,
}: ContactItemProps) {
  const { t, i18n } = useTranslation();
  const nameId = useId();
  const statusId = useId();
  const unreadId = useId();
  const clientId = useId();
  const ref = useCallback(
    (element: HTMLDivElement | null) => register(peer.id, element),
    [register, peer.id],
  );
  const name = displayName(peer);
  const labelledBy = unread > 0 ? `${nameId} ${statusId} ${unreadId}` : `${nameId} ${statusId}`;

  return (
    <div
      ref={ref}
      role="listitem"
      tabIndex={current ? 0 : -1}
      className={`contact contact-${peer.status}`}
      data-peer-id={peer.id}
      aria-labelledby={labelledBy}
      aria-describedby={peer.client === 'unknown' ? hintId : `${clientId} ${hintId}`}
      title={
        peer.plain
          ? `${peer.plain.host}:${peer.plain.port}`
          : `${peer.user}@${peer.host} · ${peer.address}:${peer.port}`
      }
      onDoubleClick={() => onOpen(peer.id)}
      onFocus={() => onFocusPeer(peer.id)}
    >
      <Avatar id={peer.id} name={name} status={peer.status} />
      <div className="contact-main">
        <span id={nameId} className="contact-name">
          {name}
        </span>
        <span className="peer-facts">
          <StatusText status={peer.status} id={statusId} />
          {peer.status === 'offline' && peer.lastSeen > 0 && (
            <span className="contact-last-seen" title={formatFull(peer.lastSeen, i18n.language)}>
              {t('contacts.lastSeen', {
                when: formatStamp(peer.lastSeen, Date.now(), i18n.language, {
                  yesterday: (time) => t('time.yesterday', { time }),
                }),
              })}
            </span>
          )}
          {peer.client !== 'unknown' && (
            <span id={clientId} className="contact-client">
              {t(`client.${peer.client}`)}
            </span>
          )}
        </span>
        {preview && (
          <span className="contact-preview" title={preview}>
            {preview}
          </span>
        )}
      </div>
      {unread > 0 && (
        <span className="unread-badge">
          <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
          <span id={unreadId} className="visually-hidden">
            {t('contacts.unread', { count: unread })}
          </span>
        </span>
      )}
    </div>
  );
});
