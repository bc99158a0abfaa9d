import { useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

export type MainView = 'chats' | 'contacts';

interface MainTabsProps {
  view: MainView;
  onChange(view: MainView): void;
  /** Every unread message, shown on the Chats tab. */
  unread: number;
  panelId: string;
}

const VIEWS: readonly MainView[] = ['chats', 'contacts'];

/** "Chats" (会话) and "Contacts" (联系人), as QQ's main window has them; ←/→ switch. */
export function MainTabs({ view, onChange, unread, panelId }: MainTabsProps) {
  const { t } = useTranslation();
  const unreadId = useId();
  const tabs = useRef(new Map<MainView, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = VIEWS[(VIEWS.indexOf(view) + step + VIEWS.length) % VIEWS.length] as MainView;
    onChange(next);
    tabs.current.get(next)?.focus();
  };

  return (
    <div role="tablist" aria-label={t('tabs.label')} className="main-tabs" onKeyDown={onKeyDown}>
      {VIEWS.map((name) => (
        <button
          key={name}
          ref={(element) => {
            if (element) tabs.current.set(name, element);
          }}
          type="button"
          role="tab"
          id={`${panelId}-${name}`}
          aria-selected={view === name}
          aria-controls={panelId}
          aria-describedby={name === 'chats' && unread > 0 ? unreadId : undefined}
          tabIndex={view === name ? 0 : -1}
          className="main-tab"
          onClick={() => onChange(name)}
        >
          {t(`tabs.${name}`)}
          {name === 'chats' && unread > 0 && (
            <span className="unread-badge" aria-hidden="true">
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </button>
      ))}
      {/* Outside the tab, so that the tab's name stays "Chats". */}
      <span id={unreadId} className="visually-hidden">
        {unread > 0 ? t('contacts.unread', { count: unread }) : ''}
      </span>
    </div>
  );
}
