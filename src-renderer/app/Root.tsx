import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import type { Language } from '../../src-shared/contract';
import type { Bridge } from '../bridge/bridge';
import { BridgeProvider } from '../bridge/bridge-context';
import type { Route } from '../bridge/launch-params';
import type { AppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { App } from './App';

export interface RootProps {
  bridge: Bridge;
  store: AppStore;
  i18n: I18n;
  route: Route;
  languageOverride?: Language | undefined;
}

/** Everything a window needs, passed in: the app itself makes no globals (tests rely on it). */
export function Root({ bridge, store, i18n, route, languageOverride }: RootProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <BridgeProvider bridge={bridge}>
        <StoreProvider store={store}>
          <App route={route} languageOverride={languageOverride} />
        </StoreProvider>
      </BridgeProvider>
    </I18nextProvider>
  );
}
