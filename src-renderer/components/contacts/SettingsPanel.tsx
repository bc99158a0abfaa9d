import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
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
import { closeOnEscape } from '../../hooks/close-on-escape';

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
  const { api } = useBridge();
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
  const titleId = useId();
  const errorId = useId();
  const autoReplyId = useId();
  const autoReplyHintId = useId();

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
    <section
      id={id}
      className="settings-panel"
      aria-labelledby={titleId}
      onKeyDown={closeOnEscape(onClose)}
    >
      <h2 id={titleId} className="settings-title">
        {t('settings.title')}
      </h2>
      <form className="settings-form" onSubmit={(event) => void save(event)} noValidate>
        <label className="field">
          <span className="field-label">{t('settings.nickname')}</span>
          <input
            ref={firstField}
            className="input"
            value={nickname}
            maxLength={64}
            aria-invalid={error?.field === 'nickname'}
            aria-describedby={error?.field === 'nickname' ? errorId : undefined}
            onChange={(event) => setNickname(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('settings.group')}</span>
          <input
            className="input"
            value={group}
            maxLength={64}
            onChange={(event) => setGroup(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('settings.language')}</span>
          <select
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
        </label>
        <label className="field">
          <span className="field-label">{t('settings.theme')}</span>
          <select
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
        </label>
        <div className="field">
          <label htmlFor={autoReplyId} className="field-label">
            {t('settings.autoReply')}
          </label>
          <textarea
            id={autoReplyId}
            className="input input-prose"
            value={autoReply}
            rows={2}
            maxLength={MAX_AUTO_REPLY_CHARS}
            aria-describedby={autoReplyHintId}
            onChange={(event) => setAutoReply(event.target.value)}
          />
          <span id={autoReplyHintId} className="field-hint">
            {t('settings.autoReplyHint')}
          </span>
        </div>
        <NetworkSettingsFields
          load={network.load}
          restartNeeded={network.restartNeeded}
          edit={network.edit}
          problem={
            error?.field && error.field !== 'nickname' ? { field: error.field, errorId } : null
          }
          portRef={portField}
          downloadDirRef={downloadDirField}
        />
        {error && (
          <p id={errorId} className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('settings.close')}
          </button>
          <button type="submit" className="button button-primary" disabled={saving}>
            {t('settings.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
