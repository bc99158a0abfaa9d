import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context';
import { ConnectionBanner } from '../common/ConnectionBanner';
import { NoticeBanners } from '../common/NoticeBanners';
import { ContactList, type ContactListHandle } from './ContactList';
import { ContactToolbar } from './ContactToolbar';
import { SelfHeader } from './SelfHeader';
import { SettingsPanel } from './SettingsPanel';
import { StatsFooter } from './StatsFooter';

/** The narrow main window: who I am, who is around, and the network's pulse. */
export function MainWindow() {
  const { t } = useTranslation();
  const self = useAppStore((state) => state.self);
  const [filter, setFilter] = useState('');
  const [settingsOpen, setSettingsOpen] = useState(false);
  const list = useRef<ContactListHandle>(null);
  const gear = useRef<HTMLButtonElement>(null);
  const settingsId = useId();

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  const closeSettings = () => {
    setSettingsOpen(false);
    gear.current?.focus();
  };

  return (
    <div className="main-window">
      <ConnectionBanner />
      <NoticeBanners />
      <SelfHeader
        settingsOpen={settingsOpen}
        settingsId={settingsId}
        onToggleSettings={() => setSettingsOpen((open) => !open)}
        gearRef={gear}
      />
      {settingsOpen && self && (
        <SettingsPanel id={settingsId} self={self} onClose={closeSettings} />
      )}
      <ContactToolbar filter={filter} onFilterChange={setFilter} list={list} />
      <main className="contact-scroll">
        <ContactList filter={filter} ref={list} />
      </main>
      <StatsFooter />
    </div>
  );
}
