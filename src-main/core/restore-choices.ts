import type { ProfileChange, NetworkSettingsChange } from '../../src-shared/contract';
import type { MessengerCore } from './messenger-api';
import type { StoredSettings } from './settings-file';

/**
 * The choices a core does not take as options at construction (away, signature,
 * preferences, the file-receive policy), applied from the settings file at start.
 * Name, group, language, theme and send key are options already.
 */
export function restoreChoices(
  core: Pick<MessengerCore, 'updateProfile' | 'updateSettings'>,
  stored: StoredSettings,
): void {
  const profile: ProfileChange = pick(stored, [
    'autoReply',
    'signature',
    'sounds',
    'notifications',
  ]);
  if (stored.status !== undefined && stored.status !== 'online') profile.status = stored.status;
  if (Object.keys(profile).length > 0) core.updateProfile(profile);
  const network: NetworkSettingsChange = pick(stored, ['receiveFiles', 'autoAcceptMaxMB']);
  if (Object.keys(network).length > 0) core.updateSettings(network);
}

function pick<K extends keyof StoredSettings>(
  stored: StoredSettings,
  keys: readonly K[],
): Pick<StoredSettings, K> {
  const picked: Partial<Pick<StoredSettings, K>> = {};
  for (const key of keys) if (stored[key] !== undefined) picked[key] = stored[key];
  return picked as Pick<StoredSettings, K>;
}
