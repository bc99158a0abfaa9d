import { useTranslation } from 'react-i18next';
import type { ContactGroup } from '../../store/contact-groups';

/** Group name with "online/total", as QQ shows it. Not focusable: it only labels. */
export function ContactGroupHeader({ group }: { group: ContactGroup }) {
  const { t } = useTranslation();
  return (
    <div className="contact-group-header">
      <span className="contact-group-name">
        {group.plain ? t('plain.group') : group.name || t('contacts.noGroup')}
      </span>
      <span className="contact-group-count" aria-hidden="true">
        {group.online}/{group.total}
      </span>
      <span className="visually-hidden">
        {t('contacts.groupCount', { online: group.online, total: group.total })}
      </span>
    </div>
  );
}
