import { useCallback, useEffect, useState } from 'react';
import type { ChannelRequest, NetworkSettingsDTO, ReceiveFiles } from '../../src-shared/contract';
import { MAX_AUTO_ACCEPT_MB } from '../../src-shared/contract/channel-names';
import { useBridge } from '../bridge/bridge-context';
import { describeError } from '../bridge/errors';
import { useAppStore } from '../store/store-context';
import { parsePort } from '../format/port';

export type NetworkChange = NonNullable<ChannelRequest<'updateSettings'>>;

/** The network settings as typed: text, checked only when saved. */
export interface NetworkDraft {
  port: string;
  downloadDir: string;
  /** One entry per line. */
  hosts: string;
  broadcastAddresses: string;
  receiveFiles: ReceiveFiles;
  /** Whole MB, as typed. */
  autoAcceptMaxMB: string;
}

export type NetworkProblem = 'portInvalid' | 'downloadDirRequired' | 'autoAcceptInvalid';

/** Shown until main says otherwise (main's own default). */
const DEFAULT_AUTO_ACCEPT_MB = 100;

function toDraft(settings: NetworkSettingsDTO): NetworkDraft {
  return {
    port: String(settings.port),
    downloadDir: settings.downloadDir,
    hosts: settings.hosts.join('\n'),
    broadcastAddresses: settings.broadcastAddresses.join('\n'),
    receiveFiles: settings.receiveFiles ?? 'ask',
    autoAcceptMaxMB: String(settings.autoAcceptMaxMB ?? DEFAULT_AUTO_ACCEPT_MB),
  };
}

const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((entry, index) => entry === b[index]);

/**
 * What to send for a draft: only what changed (nothing at all when nothing did),
 * or the first thing wrong with it. Main checks everything again.
 */
export function networkChange(
  saved: NetworkSettingsDTO,
  draft: NetworkDraft,
): { change: NetworkChange } | { problem: NetworkProblem } {
  const port = parsePort(draft.port);
  if (port === undefined) return { problem: 'portInvalid' };
  const downloadDir = draft.downloadDir.trim();
  if (!downloadDir) return { problem: 'downloadDirRequired' };
  const autoAcceptMaxMB = /^\s*\d+\s*$/.test(draft.autoAcceptMaxMB)
    ? Number(draft.autoAcceptMaxMB)
    : NaN;
  if (!(autoAcceptMaxMB >= 1 && autoAcceptMaxMB <= MAX_AUTO_ACCEPT_MB)) {
    return { problem: 'autoAcceptInvalid' };
  }
  const hosts = lines(draft.hosts);
  const broadcastAddresses = lines(draft.broadcastAddresses);
  const change: NetworkChange = {};
  if (port !== saved.port) change.port = port;
  if (downloadDir !== saved.downloadDir) change.downloadDir = downloadDir;
  if (!sameList(hosts, saved.hosts)) change.hosts = hosts;
  if (!sameList(broadcastAddresses, saved.broadcastAddresses)) {
    change.broadcastAddresses = broadcastAddresses;
  }
  if (draft.receiveFiles !== (saved.receiveFiles ?? 'ask'))
    change.receiveFiles = draft.receiveFiles;
  if (autoAcceptMaxMB !== (saved.autoAcceptMaxMB ?? DEFAULT_AUTO_ACCEPT_MB)) {
    change.autoAcceptMaxMB = autoAcceptMaxMB;
  }
  return { change };
}

export type NetworkLoad =
  | { phase: 'loading' }
  | { phase: 'failed'; error: string }
  | { phase: 'ready'; saved: NetworkSettingsDTO; draft: NetworkDraft };

/** The network settings of the settings panel: loaded when it opens, edited as a draft. */
export function useNetworkSettings() {
  const { api } = useBridge();
  const setNetworkSettings = useAppStore((state) => state.setNetworkSettings);
  // Kept current by `settings` events: a restart may become needed while the panel is open.
  const restartNeeded = useAppStore((state) => state.networkSettings?.restartNeeded ?? false);
  const [load, setLoad] = useState<NetworkLoad>({ phase: 'loading' });

  useEffect(() => {
    let current = true;
    api.getSettings().then(
      (settings) => {
        if (!current) return;
        setNetworkSettings(settings);
        setLoad({ phase: 'ready', saved: settings, draft: toDraft(settings) });
      },
      (error: unknown) => {
        if (current) setLoad({ phase: 'failed', error: describeError(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [api, setNetworkSettings]);

  const edit = useCallback((patch: Partial<NetworkDraft>) => {
    setLoad((was) => (was.phase === 'ready' ? { ...was, draft: { ...was.draft, ...patch } } : was));
  }, []);

  /** Main took the change: it becomes what later drafts are compared with. */
  const accept = useCallback(
    (settings: NetworkSettingsDTO) => {
      setNetworkSettings(settings);
      setLoad((was) => (was.phase === 'ready' ? { ...was, saved: settings } : was));
    },
    [setNetworkSettings],
  );

  return { load, restartNeeded, edit, accept };
}
