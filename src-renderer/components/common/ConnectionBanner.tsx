import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context';

/**
 * Shown while the headless mode's socket is down and being reopened, or for good once
 * Pigeon restarted with a new address (this page's token is no longer valid).
 */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useAppStore((state) => state.connection);
  if (connection === 'restarted') {
    return (
      <div className="banner banner-error connection-banner" role="alert">
        <p className="banner-text">{t('connection.restarted')}</p>
      </div>
    );
  }
  const disconnected = connection === 'disconnected';
  if (!disconnected) return null;
  return (
    <div className="banner banner-warning connection-banner" role="alert">
      <span className="spinner" aria-hidden="true" />
      <p className="banner-text">{t('connection.disconnected')}</p>
    </div>
  );
}
