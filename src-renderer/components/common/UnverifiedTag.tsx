import { useTranslation } from 'react-i18next';

/** A contact that claimed another peer's name while that peer still answered elsewhere. */
export function UnverifiedTag() {
  const { t } = useTranslation();
  return <span className="tag tag-unverified">{t('trust.unverified')}</span>;
}
