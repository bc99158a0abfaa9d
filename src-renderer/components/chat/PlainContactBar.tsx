import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeerDTO } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { displayName } from '../../format/display-name';
import { useAppStore } from '../../store/store-context';
import { ENCODING_NAMES, isPlainConversation } from '../../format/plain-contact';
import { PlainLinkStatus } from './PlainLinkStatus';

/**
 * Under the chat header of a plain contact: where it is (protocol, host:port, encoding,
 * our local port), a TCP contact's connection, why it cannot be reached if so, and
 * removing it (asked twice).
 * Once removed, only a note that the history stays.
 */
export function PlainContactBar({ peerId, peer }: { peerId: string; peer: PeerDTO | undefined }) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const applyEvents = useAppStore((state) => state.applyEvents);
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!isPlainConversation(peerId)) return null;
  const plain = peer?.plain;
  if (!peer || !plain) {
    return (
      <p className="plain-bar plain-removed" role="status">
        {t('plain.removed')}
      </p>
    );
  }
  const name = displayName(peer);

  const remove = async () => {
    setRemoving(true);
    setError(null);
    try {
      await api.removePlainContact({ peerId });
      // The 'peer-removed' event follows; applying it now shows the result at once.
      applyEvents([{ type: 'peer-removed', peerId }]);
    } catch (failure) {
      setError(t('plain.removeFailed', { message: describeError(failure) }));
    } finally {
      setRemoving(false);
      setConfirming(false);
    }
  };

  return (
    <section className="plain-bar" aria-label={t('plain.details')}>
      <p className="plain-details">
        <span>{t(plain.protocol === 'tcp' ? 'plain.tcp' : 'plain.udp')}</span>
        {plain.connection !== 'listen' && (
          <span className="plain-remote">
            {t('plain.remote', { host: plain.host, port: plain.port })}
          </span>
        )}
        {plain.connection === 'listen' && plain.host && (
          <span>{t('plain.onlyFrom', { host: plain.host })}</span>
        )}
        <span>{ENCODING_NAMES[plain.encoding]}</span>
        {plain.localPort > 0 && <span>{t('plain.localPortValue', { port: plain.localPort })}</span>}
        {plain.protocol === 'tcp' && (
          <span>{t(plain.whenDisconnected === 'refuse' ? 'plain.refuses' : 'plain.queues')}</span>
        )}
        {plain.lineBased && <span>{t('plain.linesEnd')}</span>}
        {!confirming && (
          <button type="button" className="link-button" onClick={() => setConfirming(true)}>
            {t('plain.remove')}
          </button>
        )}
      </p>
      <PlainLinkStatus peer={peer} />
      {confirming && (
        <p className="plain-confirm">
          <span>{t('plain.removeConfirm', { name })}</span>
          <button
            type="button"
            className="button button-danger"
            disabled={removing}
            onClick={() => void remove()}
          >
            {t('plain.removeYes')}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {t('plain.cancel')}
          </button>
        </p>
      )}
      {plain.problem && (
        <p className="plain-problem" role="status">
          {t('plain.problem', { name, problem: plain.problem })}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
