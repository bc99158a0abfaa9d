import { createInstance, type i18n as I18n } from 'i18next';
import type { Language } from '../../src-shared/contract';
import { en } from './en';
import { zhCN } from './zh-CN';

export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

/** One i18next instance per window (and per test), ready synchronously. */
export function createI18n(language: Language = DEFAULT_LANGUAGE): I18n {
  const i18n = createInstance();
  void i18n.init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['zh-CN', 'en'],
    initAsync: false,
    // React escapes text itself; peer text is never HTML.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n;
}

/** The document says which language it is in: screen readers and fonts follow it. */
export function applyLanguage(root: HTMLElement, language: Language): void {
  root.lang = language;
}
