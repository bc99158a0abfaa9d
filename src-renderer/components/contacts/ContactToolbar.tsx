import { useState, type KeyboardEvent, type Ref, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { useAppStore } from '../../store/store-context';
import { AddContactIcon, HistoryIcon, RefreshIcon, SearchIcon } from '../common/icons';
import { AddColleagueButton } from './AddColleagueButton';
import { SendToSeveralButton } from './SendToSeveralButton';
import { NewGroupButton } from './NewGroupButton';
import type { ContactListHandle } from './ContactList';
import { IconButton } from '../common/IconButton';

interface ContactToolbarProps {
  filter: string;
  onFilterChange(filter: string): void;
  list: RefObject<ContactListHandle | null>;
  /** Swap the contacts for the search of all history. */
  onOpenSearch(): void;
  searchButtonRef: Ref<HTMLButtonElement>;
  /** The add-plain-contact dialog: MainWindow holds it, so that it outlives this toolbar. */
  addingPlain: boolean;
  addPlainId: string;
  onToggleAddPlain(): void;
  addPlainButtonRef: Ref<HTMLButtonElement>;
}

/**
 * The filter box (↓ goes into the list, Enter opens the first match), Refresh, and
 * the way into searching history: the filter finds people, the search finds messages.
 */
export function ContactToolbar({
  filter,
  onFilterChange,
  list,
  onOpenSearch,
  searchButtonRef,
  addingPlain,
  addPlainId,
  onToggleAddPlain,
  addPlainButtonRef,
}: ContactToolbarProps) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const addNotice = useAppStore((state) => state.addNotice);
  const [refreshing, setRefreshing] = useState(false);

  const refresh = async () => {
    setRefreshing(true);
    try {
      await api.refreshPeers();
    } catch (error) {
      addNotice({
        code: 'refresh',
        level: 'error',
        message: t('contacts.refreshFailed', { message: describeError(error) }),
      });
    } finally {
      setRefreshing(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      list.current?.focusFirst();
    } else if (event.key === 'Enter' && filter.trim()) {
      event.preventDefault();
      list.current?.openFirst();
    } else if (event.key === 'Escape' && filter) {
      event.preventDefault();
      onFilterChange('');
    }
  };

  return (
    <div className="contact-toolbar">
      <div className="search-field">
        <SearchIcon className="search-icon" />
        <input
          type="text"
          className="input search-input"
          aria-label={t('contacts.filter')}
          placeholder={t('contacts.filterPlaceholder')}
          value={filter}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onFilterChange(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      {/* One unit: on a narrow window it moves under the filter box whole. */}
      <div className="contact-actions">
        <IconButton label={t('search.open')} ref={searchButtonRef} onClick={onOpenSearch}>
          <HistoryIcon />
        </IconButton>
        <IconButton
          label={t('contacts.refresh')}
          className={refreshing ? 'refreshing' : undefined}
          aria-busy={refreshing}
          onClick={() => void refresh()}
        >
          <RefreshIcon />
        </IconButton>
        <SendToSeveralButton />
        <AddColleagueButton />
        <NewGroupButton />
        <IconButton
          label={t('plain.add')}
          ref={addPlainButtonRef}
          aria-expanded={addingPlain}
          aria-controls={addingPlain ? addPlainId : undefined}
          onClick={onToggleAddPlain}
        >
          <AddContactIcon />
        </IconButton>
      </div>
      <span className="visually-hidden" role="status">
        {refreshing ? t('contacts.refreshing') : ''}
      </span>
    </div>
  );
}
