import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './app/Root';
import { getBridge, type Bridge } from './bridge/bridge';
import { readLaunchParams, parseRoute } from './bridge/launch-params';
import { startSession } from './bridge/session';
import { applyLanguage, createI18n, DEFAULT_LANGUAGE } from './i18n/i18n';
import { createAppStore } from './store/app-store';
import './styles/index.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

const { language } = readLaunchParams(window.location.search);
const route = parseRoute(window.location.hash);
const i18n = createI18n(language ?? DEFAULT_LANGUAGE);
applyLanguage(document.documentElement, language ?? DEFAULT_LANGUAGE);

// A window shows one route for its whole life: another route is another window.
window.addEventListener('hashchange', () => window.location.reload());

let bridge: Bridge | undefined;
try {
  bridge = getBridge();
} catch {
  container.textContent = i18n.t('app.noBridge');
}

if (bridge) {
  const store = createAppStore();
  startSession(bridge, store, route);
  createRoot(container).render(
    <StrictMode>
      <Root bridge={bridge} store={store} i18n={i18n} route={route} languageOverride={language} />
    </StrictMode>,
  );
}
