import type { ReactNode } from 'react';
import { panelId, tabId, type SettingsTab } from './SettingsTabs';

/** One tab's fields; the others stay mounted (hidden) so that Save sends every tab's draft. */
export function SettingsTabPanel({
  idPrefix,
  tab,
  current,
  children,
}: {
  idPrefix: string;
  tab: SettingsTab;
  current: SettingsTab;
  children: ReactNode;
}) {
  return (
    <div
      role="tabpanel"
      id={panelId(idPrefix, tab)}
      aria-labelledby={tabId(idPrefix, tab)}
      className="settings-panel"
      hidden={tab !== current}
    >
      {children}
    </div>
  );
}
