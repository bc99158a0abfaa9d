import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useBridge } from '../../bridge/bridge-context';
import { useUnreadTitle } from '../../hooks/use-unread-title';
import { totalUnread } from '../../store/recent-chats';
import { useAppStore } from '../../store/store-context';
import { RecentChats } from '../chats/RecentChats';
import { AddPlainContactDialog } from './AddPlainContactDialog';
import { ConnectionBanner } from '../common/ConnectionBanner';
import { NoticeBanners } from '../common/NoticeBanners';
import { NetworkStatusPanel } from '../network/NetworkStatusPanel';
import { SearchPanel } from '../search/SearchPanel';
import { SettingsDialog } from '../settings/SettingsDialog';
import { useMessageAlerts } from '../../hooks/use-message-alerts';
import { ContactList, type ContactListHandle } from './ContactList';
import { GroupSection } from './GroupSection';
import { ContactToolbar } from './ContactToolbar';
import { MainTabs, type MainView } from './MainTabs';
import { SelfHeader } from './SelfHeader';
import { StatsFooter } from './StatsFooter';

/** The narrow main window: who I am, my recent chats, who is around, the network's pulse. */
export function MainWindow() {
  const self = useAppStore((state) => state.self);
  const conversations = useAppStore((state) => state.conversations);
  const unread = useMemo(() => totalUnread(conversations.values()), [conversations]);
  const [view, setView] = useState<MainView>('chats');
  const [filter, setFilter] = useState('');
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [addingPlain, setAddingPlain] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  const [networkOpen, setNetworkOpen] = useState(false);
  const list = useRef<ContactListHandle>(null);
  const panelId = useId();
  const gear = useRef<HTMLButtonElement>(null);
  const addPlainButton = useRef<HTMLButtonElement>(null);
  const searchButton = useRef<HTMLButtonElement>(null);
  const networkButton = useRef<HTMLButtonElement>(null);
  const searchClosed = useRef(false);
  const settingsId = useId();
  const addPlainId = useId();
  const { api, mode } = useBridge();
  useMessageAlerts();

  useUnreadTitle(unread);

  useEffect(() => {
    // Back from searching: focus returns to the button that opened it.
    if (searchOpen || !searchClosed.current) return;
    searchClosed.current = false;
    searchButton.current?.focus();
  }, [searchOpen]);

  const closeSearch = () => {
    searchClosed.current = true;
    setSearchOpen(false);
  };

  const closeNetwork = () => {
    setNetworkOpen(false);
    networkButton.current?.focus();
  };

  // The desktop app shows settings in a window of their own; the browser, as a dialog.
  const toggleSettings = () => {
    if (mode !== 'electron' || settingsOpen) {
      setSettingsOpen((open) => !open);
      return;
    }
    api.openSettings().then(
      ({ shown }) => shown || setSettingsOpen(true),
      () => setSettingsOpen(true),
    );
  };

  const closeSettings = () => {
    setSettingsOpen(false);
    gear.current?.focus();
  };

  const closeAddPlain = () => {
    setAddingPlain(false);
    addPlainButton.current?.focus();
  };

  return (
    <div className="main-window">
      <ConnectionBanner />
      <NoticeBanners />
      <SelfHeader
        settingsOpen={settingsOpen}
        settingsId={settingsId}
        onToggleSettings={toggleSettings}
        gearRef={gear}
      />
      {settingsOpen && self && (
        <div id={settingsId}>
          <SettingsDialog self={self} onClose={closeSettings} />
        </div>
      )}
      {/* Here, not under the toolbar: Search and Network replace the toolbar, not this. */}
      {addingPlain && <AddPlainContactDialog id={addPlainId} onClose={closeAddPlain} />}
      {networkOpen ? (
        <NetworkStatusPanel onClose={closeNetwork} />
      ) : searchOpen ? (
        <SearchPanel onClose={closeSearch} />
      ) : (
        <>
          <ContactToolbar
            filter={filter}
            onFilterChange={setFilter}
            list={list}
            onOpenSearch={() => setSearchOpen(true)}
            searchButtonRef={searchButton}
            addingPlain={addingPlain}
            addPlainId={addPlainId}
            onToggleAddPlain={() => (addingPlain ? closeAddPlain() : setAddingPlain(true))}
            addPlainButtonRef={addPlainButton}
          />
          <MainTabs view={view} onChange={setView} unread={unread} panelId={panelId} />
          <main
            id={panelId}
            role="tabpanel"
            aria-labelledby={`${panelId}-${view}`}
            className="main-panel"
          >
            {view === 'chats' ? (
              <RecentChats filter={filter} ref={list} />
            ) : (
              <>
                <GroupSection filter={filter} />
                <ContactList filter={filter} ref={list} />
              </>
            )}
          </main>
        </>
      )}
      <StatsFooter
        networkOpen={networkOpen}
        onToggleNetwork={() => setNetworkOpen((open) => !open)}
        networkButtonRef={networkButton}
      />
    </div>
  );
}
