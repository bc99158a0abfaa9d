import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { PeerDTO, PlainContactDTO, PlainLinkDTO } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { useAppStore } from '../../store/store-context';

function stateText(t: TFunction, link: PlainLinkDTO, plain: PlainContactDTO): string {
  // A contact whose port or host failed has no connection at all; the bar says why.
  if (plain.problem) return t('plain.linkFailed');
  const waits = plain.connection === 'listen';
  switch (link.state) {
    case 'connecting':
      return t('plain.linkConnecting');
    case 'waiting':
      return t('plain.linkWaiting', { port: plain.localPort });
    case 'connected':
      return t('plain.linkConnected', { remote: link.remote ?? '' });
    case 'closed':
      // A contact that waits keeps listening: the next program may connect.
      return waits
        ? t('plain.linkClosedWaiting', { port: plain.localPort })
        : t('plain.linkClosed');
    case 'refused':
      return t('plain.linkRefused');
    default:
      return t('plain.linkFailed');
  }
}

/**
 * Whether "Reconnect" can do something: a contact that connects, whenever it is not
 * connected (it tries now rather than at the next backoff); one that waits only when
 * it lost its port, since otherwise it is already listening.
 */
function canReconnect(link: PlainLinkDTO, plain: PlainContactDTO): boolean {
  if (link.state === 'connected') return false;
  return plain.connection === 'listen' ? plain.problem !== undefined : true;
}

/**
 * A TCP contact's connection in the chat: connecting, waiting, connected (to whom),
 * closed by the program, refused; the reason, when Pigeon tries again, what waits to
 * be sent, and a Reconnect button.
 */
export function PlainLinkStatus({ peer }: { peer: PeerDTO }) {
  const { t, i18n } = useTranslation();
  const { api } = useBridge();
  const applyEvents = useAppStore((state) => state.applyEvents);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const plain = peer.plain;
  const link = plain?.link;
  if (!plain || !link) return null;

  const reconnect = async () => {
    setBusy(true);
    setError(null);
    try {
      applyEvents([{ type: 'peer', peer: await api.reconnectPlainContact({ peerId: peer.id }) }]);
    } catch (failure) {
      setError(t('plain.reconnectFailed', { message: describeError(failure) }));
    } finally {
      setBusy(false);
    }
  };

  const connected = link.state === 'connected';
  // The reason adds to "Not connected" and "Connection refused"; after "Closed by the
  // program" it would only say it again, so it is left to the tooltip there.
  const reason = link.reason && !plain.problem && ['failed', 'refused'].includes(link.state);
  const words = [
    stateText(t, link, plain),
    reason ? link.reason : undefined,
    link.retryAt && !connected && !plain.problem
      ? t('plain.retryAt', { time: new Date(link.retryAt).toLocaleTimeString(i18n.language) })
      : undefined,
    link.queued > 0 ? t('plain.queuedCount', { count: link.queued }) : undefined,
  ].filter((part) => part !== undefined);
  return (
    <div className={`plain-link plain-link-${connected ? 'up' : 'down'}`}>
      <p role="status" className="plain-link-state" title={link.reason}>
        {/* Each part stays whole on a line ("1 waiting to be sent", a time); the line
            breaks between parts, before the dot that joins them. */}
        {words.map((part, index) => (
          <span key={index} className="plain-link-part">
            {index > 0 ? ` · ${part}` : part}
          </span>
        ))}
      </p>
      {canReconnect(link, plain) && (
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          onClick={() => void reconnect()}
        >
          {t('plain.reconnect')}
        </button>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
