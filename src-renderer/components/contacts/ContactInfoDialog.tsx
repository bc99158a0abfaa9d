import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName } from '../../format/display-name';
import { formatFull } from '../../format/time';
import { closeOnEscape } from '../../hooks/close-on-escape';
import { useAppStore } from '../../store/store-context';

interface ContactInfoDialogProps {
  peerId: string;
  onClose(): void;
}

/** Everything Pigeon knows about a contact: names, address, computer, client. */
export function ContactInfoDialog({ peerId, onClose }: ContactInfoDialogProps) {
  const { t, i18n } = useTranslation();
  const peer = useAppStore((state) => state.peers.get(peerId));
  const remark = useAppStore((state) => state.remarks.get(peerId) ?? '');
  const closeButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useEffect(() => closeButton.current?.focus(), []);

  const facts: [string, string][] = peer
    ? [
        [t('info.remark'), remark],
        [t('info.nickname'), displayName(peer)],
        [t('info.group'), peer.group],
        [t('info.login'), peer.user],
        [t('info.computer'), peer.host],
        [t('info.address'), `${peer.address}:${peer.port}`],
        [t('info.status'), t(`status.${peer.status}`)],
        [t('info.signature'), peer.signature ?? ''],
        [t('info.client'), t(`client.${peer.client}`)],
        [t('info.version'), peer.version],
        [t('info.lastSeen'), peer.lastSeen > 0 ? formatFull(peer.lastSeen, i18n.language) : ''],
      ]
    : [];

  return (
    <div className="dialog-layer">
      <section
        role="dialog"
        className="dialog"
        aria-labelledby={titleId}
        onKeyDown={closeOnEscape(onClose)}
      >
        <h2 id={titleId} className="panel-title">
          {t('info.title', { name: remark || (peer ? displayName(peer) : peerId) })}
        </h2>
        <dl className="contact-facts">
          {facts
            .filter(([, value]) => value.trim() !== '')
            .map(([term, value]) => (
              <div key={term} className="contact-fact">
                <dt>{term}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
        <div className="form-actions">
          <button ref={closeButton} type="button" className="button" onClick={onClose}>
            {t('info.close')}
          </button>
        </div>
      </section>
    </div>
  );
}
