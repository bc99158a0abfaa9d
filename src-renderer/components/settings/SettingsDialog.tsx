import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SelfDTO } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import {
  networkChange,
  useNetworkSettings,
  type NetworkChange,
  type NetworkLoad,
  type NetworkProblem,
} from '../../hooks/use-network-settings';
import { useAppStore } from '../../store/store-context';
import { Dialog } from '../common/Dialog';
import { FilesTab } from './FilesTab';
import { GeneralTab } from './GeneralTab';
import { NetworkTab } from './NetworkTab';
import { ProfileTab } from './ProfileTab';
import { SettingsTabPanel } from './SettingsPanelFrame';
import { SettingsTabs, type SettingsTab } from './SettingsTabs';
import { profileChange, useProfileDraft } from './use-profile-draft';

interface SettingsDialogProps {
  self: SelfDTO;
  onClose(): void;
  /** Set where it fills a window of its own (the desktop app's settings window). */
  fillsWindow?: boolean;
}

/** What the last save found wrong, and which field it was about. */
interface SaveError {
  message: string;
  field?: 'nickname' | NetworkProblem;
}

/** The tab that holds the field a save refused. */
const tabOf: Record<NonNullable<SaveError['field']>, SettingsTab> = {
  nickname: 'profile',
  downloadDirRequired: 'files',
  autoAcceptInvalid: 'files',
  portInvalid: 'network',
};

/**
 * Settings in four tabs (Profile, General, Files, Network), saved together: the network
 * part first (the likelier to be refused, and then nothing is saved). A refused save
 * shows the tab of the field at fault and keeps everything typed.
 */
export function SettingsDialog({ self, onClose, fillsWindow = false }: SettingsDialogProps) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const setSelf = useAppStore((state) => state.setSelf);
  const addNotice = useAppStore((state) => state.addNotice);
  const network = useNetworkSettings();
  const profile = useProfileDraft(self);
  const [tab, setTab] = useState<SettingsTab>('profile');
  const [error, setError] = useState<SaveError | null>(null);
  const [saving, setSaving] = useState(false);
  const idPrefix = useId();
  const nicknameField = useRef<HTMLInputElement>(null);
  const portField = useRef<HTMLInputElement>(null);
  const downloadDirField = useRef<HTMLInputElement>(null);
  const limitField = useRef<HTMLInputElement>(null);

  useEffect(() => nicknameField.current?.focus(), []);

  const refuse = (field: NonNullable<SaveError['field']>, message: string) => {
    setError({ message, field });
    setTab(tabOf[field]);
    // After the tab is shown: a hidden field cannot take focus.
    const fields = {
      nickname: nicknameField,
      portInvalid: portField,
      downloadDirRequired: downloadDirField,
      autoAcceptInvalid: limitField,
    };
    setTimeout(() => fields[field].current?.focus(), 0);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!profile.draft.nickname.trim()) {
      refuse('nickname', t('settings.nicknameRequired'));
      return;
    }
    let change: NetworkChange | undefined;
    if (network.load.phase === 'ready') {
      const checked = networkChange(network.load.saved, network.load.draft);
      if ('problem' in checked) {
        refuse(
          checked.problem,
          t(
            checked.problem === 'autoAcceptInvalid'
              ? 'prefs.autoAcceptInvalid'
              : `settings.${checked.problem}`,
          ),
        );
        return;
      }
      if (Object.keys(checked.change).length > 0) change = checked.change;
    }
    setSaving(true);
    setError(null);
    try {
      const settings = change ? await api.updateSettings(change) : undefined;
      if (settings) network.accept(settings);
      setSelf(await api.updateProfile(profileChange(self, profile.draft)));
      if (settings?.restartNeeded && change?.port !== undefined) {
        addNotice({ code: 'restart-needed', level: 'info', message: t('settings.restartNotice') });
      }
      onClose();
    } catch (failure) {
      setError({ message: t('settings.saveFailed', { message: describeError(failure) }) });
    } finally {
      setSaving(false);
    }
  };

  const problem = error?.field && error.field !== 'nickname' ? error.field : null;
  const { load } = network;

  const dialog = (
    <Dialog
      id={`${idPrefix}-settings`}
      role="dialog"
      title={t('settings.title')}
      error={error?.message}
      cancelLabel={t('prefs.cancel')}
      submitLabel={t('settings.save')}
      busy={saving}
      onSubmit={(event) => void save(event)}
      onClose={onClose}
    >
      <SettingsTabs idPrefix={idPrefix} current={tab} onSelect={setTab} />
      <SettingsTabPanel idPrefix={idPrefix} tab="profile" current={tab}>
        <ProfileTab
          draft={profile.draft}
          edit={profile.edit}
          nicknameInvalid={error?.field === 'nickname'}
          nicknameRef={nicknameField}
        />
      </SettingsTabPanel>
      <SettingsTabPanel idPrefix={idPrefix} tab="general" current={tab}>
        <GeneralTab draft={profile.draft} edit={profile.edit} />
      </SettingsTabPanel>
      <SettingsTabPanel idPrefix={idPrefix} tab="files" current={tab}>
        {load.phase === 'ready' ? (
          <FilesTab
            draft={load.draft}
            edit={network.edit}
            problem={problem}
            downloadDirRef={downloadDirField}
            limitRef={limitField}
          />
        ) : (
          <NetworkLoading load={load} />
        )}
      </SettingsTabPanel>
      <SettingsTabPanel idPrefix={idPrefix} tab="network" current={tab}>
        {load.phase === 'ready' ? (
          <NetworkTab
            draft={load.draft}
            restartNeeded={network.restartNeeded}
            edit={network.edit}
            problem={problem}
            portRef={portField}
          />
        ) : (
          <NetworkLoading load={load} />
        )}
      </SettingsTabPanel>
    </Dialog>
  );
  return <div className={fillsWindow ? 'settings-window' : 'settings-overlay'}>{dialog}</div>;
}

function NetworkLoading({ load }: { load: Exclude<NetworkLoad, { phase: 'ready' }> }) {
  const { t } = useTranslation();
  return load.phase === 'loading' ? (
    <p className="field-hint" role="status">
      {t('settings.networkLoading')}
    </p>
  ) : (
    <p className="form-error" role="alert">
      {t('settings.networkLoadFailed', { message: load.error })}
    </p>
  );
}
