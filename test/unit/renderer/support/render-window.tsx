import { act, render } from '@testing-library/react';
import { afterEach } from 'vitest';
import type { Language, SnapshotDTO } from '../../../../src-shared/contract';
import { Root } from '../../../../src-renderer/app/Root';
import { createBridge } from '../../../../src-renderer/bridge/bridge';
import type { PigeonFilesApi } from '../../../../src-shared/contract/local-files';
import { parseRoute } from '../../../../src-renderer/bridge/launch-params';
import { startSession } from '../../../../src-renderer/bridge/session';
import { createI18n } from '../../../../src-renderer/i18n/i18n';
import { createAppStore } from '../../../../src-renderer/store/app-store';
import { createFakeApi, type FakeApi } from './fake-api';

interface WindowOptions {
  hash?: string;
  snapshot: SnapshotDTO;
  language?: Language;
  languageOverride?: Language;
  /** Set up the fake api before the window asks it anything. */
  prepare?(fake: FakeApi): void;
  /** As the window's bridge says it runs: 'websocket' is headless mode's page. */
  mode?: 'electron' | 'websocket';
  /** Electron's preload for picked files' paths. */
  pigeonFiles?: PigeonFilesApi;
}

// Drafts are kept in local storage: every test starts with none.
afterEach(() => {
  if (typeof localStorage !== 'undefined') localStorage.clear();
});

/** A whole window as Electron would show it, fed by a fake api. */
export async function renderWindow({
  hash = '#/',
  snapshot,
  language,
  languageOverride,
  prepare,
  mode = 'electron',
  pigeonFiles,
}: WindowOptions) {
  const fake = createFakeApi(snapshot);
  prepare?.(fake);
  const store = createAppStore();
  const i18n = createI18n(languageOverride ?? language ?? snapshot.self.language);
  const bridge = {
    ...createBridge({
      pigeon: fake.api,
      pigeonFiles,
      location: { host: 'localhost', origin: 'http://localhost', search: '' },
      open: () => null,
    }),
    mode,
  };
  const route = parseRoute(hash);
  const stop = startSession(bridge, store, route);
  const view = render(
    <Root
      bridge={bridge}
      store={store}
      i18n={i18n}
      route={route}
      languageOverride={languageOverride}
    />,
  );
  // Let the snapshot (and messages) arrive.
  await act(async () => {
    await Promise.resolve();
  });
  return { ...view, fake, store, i18n, stop };
}
