import { useTranslation } from 'react-i18next';

/** Nobody found yet (with a hint about the firewall), or nobody matches the filter. */
export function ContactsEmpty({ filter, nobodyYet }: { filter: string; nobodyYet: boolean }) {
  const { t } = useTranslation();
  if (nobodyYet) {
    return (
      <div className="empty-state" role="status">
        <span className="radar" aria-hidden="true" />
        <p className="empty-title">{t('contacts.searching')}</p>
        <p className="empty-hint">{t('contacts.firewallHint')}</p>
      </div>
    );
  }
  return (
    <div className="empty-state" role="status">
      <p className="empty-title">{t('contacts.noMatch', { filter: filter.trim() })}</p>
    </div>
  );
}
