import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useGroupNames } from '../../hooks/use-group-name';
import { useOpenChat } from '../../hooks/use-open-chat';
import { useAppStore } from '../../store/store-context';
import { Avatar } from '../common/Avatar';

/**
 * The contact list's "Groups" section (群聊): every group by name with its unread
 * count; a group opens in a chat window as a person does. Groups are few, so the
 * section is a plain list above the virtualised contacts.
 */
export function GroupSection({ filter }: { filter: string }) {
  const { t, i18n } = useTranslation();
  const groups = useAppStore((state) => state.groups);
  const conversations = useAppStore((state) => state.conversations);
  const nameOf = useGroupNames();
  const openChat = useOpenChat();
  const headingId = useId();
  const rows = useMemo(() => {
    const collator = new Intl.Collator(i18n.language);
    const wanted = filter.trim().toLowerCase();
    return [...groups.values()]
      .map((group) => ({ id: group.id, name: nameOf(group.id) }))
      .filter((row) => wanted === '' || row.name.toLowerCase().includes(wanted))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [groups, nameOf, filter, i18n.language]);
  if (rows.length === 0) return null;
  return (
    <section className="group-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="group-section-title">
        {t('groups.section')}
      </h2>
      <ul className="group-section-list">
        {rows.map((row) => {
          const unread = conversations.get(row.id)?.unread ?? 0;
          return (
            <li key={row.id} className="group-section-item">
              <button type="button" className="group-section-open" onClick={() => openChat(row.id)}>
                <Avatar id={row.id} name={row.name} size="small" />
                <span className="group-section-name">{row.name}</span>
                {unread > 0 && (
                  <span className="unread-badge">
                    {unread}
                    <span className="visually-hidden">
                      {' '}
                      {t('contacts.unread', { count: unread })}
                    </span>
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
