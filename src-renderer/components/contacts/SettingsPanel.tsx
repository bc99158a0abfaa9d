import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, SelfDTO, Theme } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import {
  networkChange,
  useNetworkSettings,
  type NetworkChange,
  type NetworkProblem,
} from '../../hooks/use-network-settings';
import { useAppStore } from '../../store/store-context';
import { NetworkSettingsFields } from './NetworkSettingsFields';
import { StartAtLoginField } from './StartAtLoginField';
import { Dialog } from '../common/Dialog';
import { Field } from '../common/Field';

interface SettingsPanelProps {
  id: string;
  self: SelfDTO;
  onClose(): void;
}

const languages: Language[] = ['zh-CN', 'en'];
const themes: Theme[] = ['system', 'light', 'dark'];
const themeKey = {
  system: 'settings.themeSystem',
  light: 'settings.themeLight',
  dark: 'settings.themeDark',
} as const;

/** What the last save found wrong, and which field it was about. */
interface SaveError {
  message: string;
  field?: 'nickname' | NetworkProblem;
}

/** The longest away message main accepts. */
const MAX_AUTO_REPLY_CHARS = 500;

/**
 * Nickname, group, language, theme and away message (updateProfile), and the network
 * settings (updateSettings), saved together. A refused save keeps everything typed.
 */
export function SettingsPanel({ id, self, onClose }: SettingsPanelProps) {
  const { t } = useTranslation();
  const { api, mode } = useBridge();
  const setSelf = useAppStore((state) => state.setSelf);
  const addNotice = useAppStore((state) => state.addNotice);
  const network = useNetworkSettings();
  const [nickname, setNickname] = useState(self.nickname);
  const [group, setGroup] = useState(self.group);
  const [language, setLanguage] = useState<Language>(self.language);
  const [theme, setTheme] = useState<Theme>(self.theme);
  const [autoReply, setAutoReply] = useState(self.autoReply ?? '');
  const [error, setError] = useState<SaveError | null>(null);
  const [saving, setSaving] = useState(false);
  const firstField = useRef<HTMLInputElement>(null);
  const portField = useRef<HTMLInputElement>(null);
  const downloadDirField = useRef<HTMLInputElement>(null);

  useEffect(() => firstField.current?.focus(), []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!nickname.trim()) {
      setError({ message: t('settings.nicknameRequired'), field: 'nickname' });
      firstField.current?.focus();
      return;
    }
    let change: NetworkChange | undefined;
    if (network.load.phase === 'ready') {
      const checked = networkChange(network.load.saved, network.load.draft);
      if ('problem' in checked) {
        setError({ message: t(`settings.${checked.problem}`), field: checked.problem });
        (checked.problem === 'portInvalid' ? portField : downloadDirField).current?.focus();
        return;
      }
      if (Object.keys(checked.change).length > 0) change = checked.change;
    }
    setSaving(true);
    setError(null);
    try {
      // Network first: it is the likelier to be refused, and then nothing is saved.
      const settings = change ? await api.updateSettings(change) : undefined;
      if (settings) network.accept(settings);
      setSelf(
        await api.updateProfile({
          nickname: nickname.trim(),
          group: group.trim(),
          language,
          theme,
          // Only when changed: a main without away messages is not asked to store one.
          ...(autoReply.trim() !== (self.autoReply ?? '') && { autoReply: autoReply.trim() }),
        }),
      );
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

  return (
    <Dialog
      id={id}
      title={t('settings.title')}
      error={error?.message}
      cancelLabel={t('settings.close')}
      submitLabel={t('settings.save')}
      busy={saving}
      onSubmit={(event) => void save(event)}
      onClose={onClose}
    >
      <Field label={t('settings.nickname')} invalid={error?.field === 'nickname'}>
        {(control) => (
          <input
            {...control}
            ref={firstField}
            className="input"
            value={nickname}
            maxLength={64}
            onChange={(event) => setNickname(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('settings.group')}>
        {(control) => (
          <input
            {...control}
            className="input"
            value={group}
            maxLength={64}
            onChange={(event) => setGroup(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('settings.language')}>
        {(control) => (
          <select
            {...control}
            className="input"
            value={language}
            onChange={(event) => setLanguage(event.target.value as Language)}
          >
            {languages.map((code) => (
              <option key={code} value={code} lang={code}>
                {t(`languages.${code}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('settings.theme')}>
        {(control) => (
          <select
            {...control}
            className="input"
            value={theme}
            onChange={(event) => setTheme(event.target.value as Theme)}
          >
            {themes.map((value) => (
              <option key={value} value={value}>
                {t(themeKey[value])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('settings.autoReply')} hint={t('settings.autoReplyHint')}>
        {(control) => (
          <textarea
            {...control}
            className="input input-prose"
            value={autoReply}
            rows={2}
            maxLength={MAX_AUTO_REPLY_CHARS}
            onChange={(event) => setAutoReply(event.target.value)}
          />
        )}
      </Field>
      {/* Headless mode runs from a terminal: it cannot start at sign-in. */}
      {mode === 'electron' && <StartAtLoginField />}
      <NetworkSettingsFields
        load={network.load}
        restartNeeded={network.restartNeeded}
        edit={network.edit}
        problem={error?.field && error.field !== 'nickname' ? error.field : null}
        portRef={portField}
        downloadDirRef={downloadDirField}
      />
    </Dialog>
  );
}
