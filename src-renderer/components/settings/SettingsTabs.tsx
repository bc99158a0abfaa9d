import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

export const SETTINGS_TABS = ['profile', 'general', 'files', 'network'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

interface SettingsTabsProps {
  idPrefix: string;
  current: SettingsTab;
  onSelect(tab: SettingsTab): void;
}

export const tabId = (prefix: string, tab: SettingsTab) => `${prefix}-tab-${tab}`;
export const panelId = (prefix: string, tab: SettingsTab) => `${prefix}-panel-${tab}`;

/** The settings' sections as tabs: arrows, Home and End move between them, as in any tab list. */
export function SettingsTabs({ idPrefix, current, onSelect }: SettingsTabsProps) {
  const { t } = useTranslation();
  const buttons = useRef(new Map<SettingsTab, HTMLButtonElement>());

  const move = (event: KeyboardEvent) => {
    const index = SETTINGS_TABS.indexOf(current);
    const last = SETTINGS_TABS.length - 1;
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    const tab = SETTINGS_TABS[next] as SettingsTab;
    onSelect(tab);
    buttons.current.get(tab)?.focus();
  };

  return (
    <div className="settings-tabs" role="tablist" aria-label={t('prefs.tabs')} onKeyDown={move}>
      {SETTINGS_TABS.map((tab) => (
        <button
          key={tab}
          ref={(button) => {
            if (button) buttons.current.set(tab, button);
            else buttons.current.delete(tab);
          }}
          type="button"
          role="tab"
          id={tabId(idPrefix, tab)}
          className="settings-tab"
          aria-selected={tab === current}
          aria-controls={panelId(idPrefix, tab)}
          tabIndex={tab === current ? 0 : -1}
          onClick={() => onSelect(tab)}
        >
          {t(`prefs.${tab}`)}
        </button>
      ))}
    </div>
  );
}
