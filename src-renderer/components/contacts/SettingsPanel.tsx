import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, SelfDTO, Theme } from '../../../preload/contract';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { useAppStore } from '../../store/store-context';

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

/** Nickname, group, language and theme; saved together through updateProfile. */
export function SettingsPanel({ id, self, onClose }: SettingsPanelProps) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const setSelf = useAppStore((state) => state.setSelf);
  const [nickname, setNickname] = useState(self.nickname);
  const [group, setGroup] = useState(self.group);
  const [language, setLanguage] = useState<Language>(self.language);
  const [theme, setTheme] = useState<Theme>(self.theme);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const firstField = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const errorId = useId();

  useEffect(() => firstField.current?.focus(), []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!nickname.trim()) {
      setError(t('settings.nicknameRequired'));
      firstField.current?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      setSelf(
        await api.updateProfile({
          nickname: nickname.trim(),
          group: group.trim(),
          language,
          theme,
        }),
      );
      onClose();
    } catch (failure) {
      setError(t('settings.saveFailed', { message: describeError(failure) }));
    } finally {
      setSaving(false);
    }
  };

  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <section id={id} className="settings-panel" aria-labelledby={titleId} onKeyDown={closeOnEscape}>
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
            aria-invalid={error !== null && !nickname.trim()}
            aria-describedby={error ? errorId : undefined}
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
        {error && (
          <p id={errorId} className="form-error" role="alert">
            {error}
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
