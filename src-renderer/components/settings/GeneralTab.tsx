import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, SendKey, Theme } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { Field } from '../common/Field';
import { StartAtLoginField } from '../contacts/StartAtLoginField';
import {
  askNotificationPermission,
  notificationsBlocked,
} from '../../alerts/browser-notifications';
import type { ProfileDraft, ProfileEdit } from './use-profile-draft';

const languages: Language[] = ['zh-CN', 'en'];
const themes: Theme[] = ['system', 'light', 'dark'];
const themeKey = {
  system: 'settings.themeSystem',
  light: 'settings.themeLight',
  dark: 'settings.themeDark',
} as const;
const sendKeyKey = { enter: 'prefs.sendKeyEnter', 'ctrl-enter': 'prefs.sendKeyCtrlEnter' } as const;

/** Language, theme, start at sign-in, the send key, sounds and notifications. */
export function GeneralTab({ draft, edit }: { draft: ProfileDraft; edit: ProfileEdit }) {
  const { t } = useTranslation();
  const { mode } = useBridge();
  const [blocked, setBlocked] = useState(() => mode === 'websocket' && notificationsBlocked());

  const changeNotifications = (on: boolean) => {
    edit({ notifications: on });
    // A browser asks once, and only in answer to a click: this is that click.
    if (on && mode === 'websocket') {
      void askNotificationPermission().then((allowed) => setBlocked(!allowed));
    }
  };

  return (
    <>
      <Field label={t('settings.language')}>
        {(control) => (
          <select
            {...control}
            className="input"
            value={draft.language}
            onChange={(event) => edit({ language: event.target.value as Language })}
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
            value={draft.theme}
            onChange={(event) => edit({ theme: event.target.value as Theme })}
          >
            {themes.map((value) => (
              <option key={value} value={value}>
                {t(themeKey[value])}
              </option>
            ))}
          </select>
        )}
      </Field>
      {/* Headless mode runs from a terminal: it cannot start at sign-in. */}
      {mode === 'electron' && <StartAtLoginField />}
      <Field label={t('prefs.sendKey')}>
        {(control) => (
          <select
            {...control}
            className="input"
            value={draft.sendKey}
            onChange={(event) => edit({ sendKey: event.target.value as SendKey })}
          >
            {(['enter', 'ctrl-enter'] as const).map((key) => (
              <option key={key} value={key}>
                {t(sendKeyKey[key])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="field-check">
        <input
          type="checkbox"
          checked={draft.sounds}
          onChange={(event) => edit({ sounds: event.target.checked })}
        />
        {t('prefs.sounds')}
      </label>
      <div className="field">
        <label className="field-check">
          <input
            type="checkbox"
            checked={draft.notifications}
            onChange={(event) => changeNotifications(event.target.checked)}
          />
          {t('prefs.notifications')}
        </label>
        {draft.notifications && blocked && (
          <span className="field-hint field-hint-warning">{t('prefs.notificationsBlocked')}</span>
        )}
      </div>
    </>
  );
}
