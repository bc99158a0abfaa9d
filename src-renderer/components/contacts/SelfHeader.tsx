import type { ChangeEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { SelfDTO } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { useAppStore } from '../../store/store-context';
import { Avatar } from '../common/Avatar';
import { GearIcon } from '../common/icons';
import { IconButton } from '../common/IconButton';

interface SelfHeaderProps {
  settingsOpen: boolean;
  settingsId: string;
  onToggleSettings(): void;
  gearRef: Ref<HTMLButtonElement>;
}

/** Own nickname, group and presence, as at the top of QQ's main window. */
export function SelfHeader({
  settingsOpen,
  settingsId,
  onToggleSettings,
  gearRef,
}: SelfHeaderProps) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const self = useAppStore((state) => state.self);
  const setSelf = useAppStore((state) => state.setSelf);
  const addNotice = useAppStore((state) => state.addNotice);
  if (!self) return null;

  const changeStatus = async (event: ChangeEvent<HTMLSelectElement>) => {
    const status = event.target.value as SelfDTO['status'];
    const before = self;
    setSelf({ ...self, status }); // show the choice at once; main confirms
    try {
      setSelf(await api.updateProfile({ status }));
    } catch (error) {
      setSelf(before);
      addNotice({
        code: 'update-status',
        level: 'error',
        message: t('settings.saveFailed', { message: describeError(error) }),
      });
    }
  };

  return (
    <header className="self-header">
      <Avatar
        id={`${self.user}@${self.host}`}
        name={self.nickname}
        status={self.status === 'invisible' ? 'offline' : self.status}
      />
      <div className="self-info">
        <h1 className="window-name">{self.nickname}</h1>
        <div className="self-line">
          <select
            className="status-select"
            aria-label={t('status.label')}
            value={self.status}
            onChange={(event) => void changeStatus(event)}
          >
            <option value="online">{t('status.online')}</option>
            <option value="away">{t('status.away')}</option>
            <option value="busy">{t('status.busy')}</option>
            <option value="invisible">{t('status.invisible')}</option>
          </select>
          <p className="self-group">{self.group || t('self.noGroup')}</p>
        </div>
      </div>
      <IconButton
        label={t('settings.open')}
        ref={gearRef}
        aria-expanded={settingsOpen}
        aria-controls={settingsId}
        onClick={onToggleSettings}
      >
        <GearIcon />
      </IconButton>
    </header>
  );
}
