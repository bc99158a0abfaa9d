import { useTranslation } from 'react-i18next';
import { ArrowDownIcon } from '../common/icons';

/**
 * Shown while the reader is away from the end of the log: one click back to the latest
 * message, with how many came in meanwhile.
 */
export function BackToLatest({ newCount, onClick }: { newCount: number; onClick(): void }) {
  const { t } = useTranslation();
  const label =
    newCount > 0 ? t('chatLog.backToLatestCount', { count: newCount }) : t('chatLog.backToLatest');
  return (
    <button type="button" className="jump-button" aria-label={label} onClick={onClick}>
      <ArrowDownIcon />
      {t('chatLog.backToLatest')}
      {newCount > 0 && (
        <span className="unread-badge" aria-hidden="true">
          {newCount}
        </span>
      )}
    </button>
  );
}
