import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNetworkStatus } from '../../hooks/use-network-status';
import { CloseIcon, RefreshIcon } from '../common/icons';
import { NetworkStatusDetails } from './NetworkStatusDetails';
import { closeOnEscape } from '../../hooks/close-on-escape';
import { IconButton } from '../common/IconButton';

/**
 * What Pigeon sees of the network, for when nobody appears: asked from main when
 * opened and on Refresh. The firewall hint is always there, being the usual cause.
 */
export function NetworkStatusPanel({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { load, refresh } = useNetworkStatus();
  const refreshButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const status = load.phase === 'ready' ? load.status : load.last;

  useEffect(() => refreshButton.current?.focus(), []);

  return (
    <section
      className="network-panel"
      aria-labelledby={titleId}
      aria-busy={load.phase === 'loading'}
      onKeyDown={closeOnEscape(onClose)}
    >
      <div className="network-toolbar">
        <h2 id={titleId} className="panel-title network-title">
          {t('network.title')}
        </h2>
        <IconButton label={t('network.refresh')} ref={refreshButton} onClick={refresh}>
          <RefreshIcon />
        </IconButton>
        <IconButton label={t('network.close')} onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </div>
      <div className="network-body">
        {load.phase === 'loading' && !status && (
          <p className="field-hint" role="status">
            {t('network.loading')}
          </p>
        )}
        {load.phase === 'failed' && (
          <p className="form-error" role="alert">
            {t('network.loadFailed', { message: load.error })}
          </p>
        )}
        {status && <NetworkStatusDetails status={status} />}
        <p className="field-hint network-firewall">
          {t('network.firewallHint', { port: status?.port ?? 2425 })}
        </p>
      </div>
    </section>
  );
}
