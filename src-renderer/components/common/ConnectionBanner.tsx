import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context';

/** Shown while the headless mode's socket is down and being reopened. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const disconnected = useAppStore((state) => state.connection === 'disconnected');
  if (!disconnected) return null;
  return (
    <div className="banner banner-warning connection-banner" role="alert">
      <span className="spinner" aria-hidden="true" />
      <p className="banner-text">{t('connection.disconnected')}</p>
    </div>
  );
}
