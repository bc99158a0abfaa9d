import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared/contract';
import { useAppStore } from '../store/store-context';
import { applyLanguage } from '../i18n/i18n';

/**
 * The profile decides the window's language and theme. A `?lang=` override wins
 * over the language the window starts with, but a change made later (in the
 * settings, or in another window) applies.
 */
export function useProfileEffects(languageOverride: Language | undefined): void {
  const { i18n } = useTranslation();
  const language = useAppStore((state) => state.self?.language);
  const theme = useAppStore((state) => state.self?.theme);
  const firstLanguage = useRef<Language | undefined>(undefined);

  useEffect(() => {
    // The palette lives in CSS: `data-theme` picks light or dark, and 'system' lets
    // `color-scheme` follow the operating system (prefers-color-scheme).
    if (theme) document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    if (!language) return;
    if (firstLanguage.current === undefined) {
      firstLanguage.current = language;
      if (languageOverride) return;
    }
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, languageOverride, i18n]);

  useEffect(() => {
    const follow = (code: string) => applyLanguage(document.documentElement, code as Language);
    follow(i18n.language);
    i18n.on('languageChanged', follow);
    return () => i18n.off('languageChanged', follow);
  }, [i18n]);
}
