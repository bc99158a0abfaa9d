import type { Language, Theme } from '../../src-shared/contract';

/**
 * The palette lives in CSS: `data-theme` picks light or dark, and 'system' lets
 * `color-scheme` follow the operating system (prefers-color-scheme).
 */
export function applyTheme(root: HTMLElement, theme: Theme): void {
  root.dataset.theme = theme;
}

export function applyLanguage(root: HTMLElement, language: Language): void {
  root.lang = language;
}
