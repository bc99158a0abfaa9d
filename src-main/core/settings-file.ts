import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  ContractError,
  MAX_AUTO_ACCEPT_MB,
  MAX_SIGNATURE_CHARS,
  SelfStatusSchema,
  type NetworkSettingsDTO,
  type SelfDTO,
} from '../../src-shared/contract';
import type { MessengerCore } from './messenger-api';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from './store/private-data';

export const StoredSettingsSchema = z
  .object({
    nickname: z.string().trim().min(1).max(64),
    group: z.string().trim().max(64),
    status: SelfStatusSchema,
    port: z.number().int().min(1).max(65535),
    language: z.enum(['zh-CN', 'en']),
    theme: z.enum(['system', 'light', 'dark']),
    hosts: z.array(z.string().max(300)).max(1000),
    broadcastAddresses: z.array(z.string().max(300)).max(100),
    downloadDir: z.string().min(1).max(4096),
    autoReply: z.string().max(500),
    signature: z.string().max(MAX_SIGNATURE_CHARS),
    sendKey: z.enum(['enter', 'ctrl-enter']),
    sounds: z.boolean(),
    notifications: z.boolean(),
    receiveFiles: z.enum(['ask', 'accept-from-contacts']),
    autoAcceptMaxMB: z.number().int().min(1).max(MAX_AUTO_ACCEPT_MB),
  })
  .partial();
export type StoredSettings = z.infer<typeof StoredSettingsSchema>;

const FILE = 'settings.json';

export interface SettingsReadResult {
  settings: StoredSettings;
  /** Set when the file was unreadable and kept aside; meant for the user. */
  problem?: string;
}

/**
 * Each field on its own, so one bad value (say `port: 70000`) costs only that value and not
 * the host list beside it. Undefined when the file is not a JSON object at all.
 */
function parseFields(raw: unknown): { settings: StoredSettings; invalid: string[] } | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const values = raw as Record<string, unknown>;
  const settings: Record<string, unknown> = {};
  const invalid: string[] = [];
  for (const [key, schema] of Object.entries(StoredSettingsSchema.shape)) {
    if (!Object.hasOwn(values, key)) continue;
    const parsed = schema.safeParse(values[key]);
    if (!parsed.success) invalid.push(key);
    else if (parsed.data !== undefined) settings[key] = parsed.data;
  }
  return { settings: settings as StoredSettings, invalid };
}

/**
 * Read settings from the data folder. An invalid field falls back to its default and is
 * named in `problem`. A damaged file is never overwritten: it is
 * renamed aside and Pigeon starts with defaults, saying so.
 */
export async function readSettings(dataDir: string): Promise<SettingsReadResult> {
  const file = path.join(dataDir, FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: {} };
    return { settings: {}, problem: `Could not read ${file}: ${(error as Error).message}` };
  }
  let fields: ReturnType<typeof parseFields>;
  try {
    fields = parseFields(JSON.parse(text));
  } catch {
    fields = undefined; // not JSON
  }
  if (fields) {
    if (fields.invalid.length === 0) return { settings: fields.settings };
    return {
      settings: fields.settings,
      problem: `Settings file had an invalid ${fields.invalid.join(', ')}; the default is used instead.`,
    };
  }
  const aside = `${file}.damaged-${Date.now()}`;
  await fs.rename(file, aside).catch(() => undefined);
  return {
    settings: {},
    problem: `Settings file was damaged; it was kept as ${aside} and defaults are used.`,
  };
}

export async function loadSettings(dataDir: string): Promise<StoredSettings> {
  return (await readSettings(dataDir)).settings;
}

/** Write atomically (temporary file, then rename) so a crash never leaves half a file. */
export async function saveSettings(dataDir: string, settings: StoredSettings): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const file = path.join(dataDir, FILE);
  const temp = `${file}.${process.pid}.tmp`;
  // Private from the first byte: the rename keeps the temporary file's mode.
  await fs.writeFile(temp, JSON.stringify(StoredSettingsSchema.parse(settings), null, 2), {
    mode: PRIVATE_FILE_MODE,
  });
  await fs.rename(temp, file);
}

/** What of the profile is kept: everything the user chose, not who the OS says we are. */
function storedProfile(self: SelfDTO): StoredSettings {
  const { nickname, group, status, language, theme } = self;
  return withoutUndefined({
    nickname,
    group,
    status,
    language,
    theme,
    autoReply: self.autoReply,
    signature: self.signature,
    sendKey: self.sendKey,
    sounds: self.sounds,
    notifications: self.notifications,
  });
}

function storedNetwork(settings: NetworkSettingsDTO): StoredSettings {
  const { port, downloadDir, hosts, broadcastAddresses } = settings;
  return withoutUndefined({
    port,
    downloadDir,
    hosts,
    broadcastAddresses,
    receiveFiles: settings.receiveFiles,
    autoAcceptMaxMB: settings.autoAcceptMaxMB,
  });
}

function withoutUndefined(fields: Record<string, unknown>): StoredSettings {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as StoredSettings;
}

/**
 * Keep the profile (name, group, status, language, theme, signature, preferences) and the network settings
 * (port, download folder, hosts, broadcast addresses) saved whenever they change.
 */
export interface SettingsPersister {
  /** Stop saving; resolves once the last change is on disk (or failed). */
  stop(): Promise<void>;
  /**
   * Resolves once every change so far is on disk; rejects with a ContractError in plain
   * words when the last save failed, so a profile change never reports a success it lacks.
   */
  saved(): Promise<void>;
  /** How many saves have been queued so far, to pass to savedSince. */
  mark(): number;
  /** Like saved(), for the saves queued after `mark`; resolves at once when there were none. */
  savedSince(mark: number): Promise<void>;
}

const SAVE_ERRORS: Record<string, string> = {
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the disk is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'the data folder is missing',
  ENOTDIR: 'the data folder is not a folder',
};

function saveFailure(error: unknown): ContractError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const reason = SAVE_ERRORS[code] ?? (error instanceof Error ? error.message : String(error));
  return new ContractError('failed', `Could not save the settings: ${reason}.`);
}

export function persistProfile(
  core: MessengerCore,
  dataDir: string,
  base: StoredSettings,
): SettingsPersister {
  let current = { ...base };
  let lastQueued: string | undefined = JSON.stringify(current);
  let chain = Promise.resolve();
  let failure: ContractError | undefined;
  let queued = 0;
  const saved = async () => {
    await chain;
    if (failure) throw failure;
  };
  const unsubscribe = core.onEvent((event) => {
    if (event.type === 'self') {
      current = { ...current, ...storedProfile(event.self) };
    } else if (event.type === 'settings') {
      current = { ...current, ...storedNetwork(event.settings) };
    } else {
      return;
    }
    // A change that leaves the file as it is (restoring choices at start, a repeated
    // event) writes nothing.
    const text = JSON.stringify(current);
    if (text === lastQueued) return;
    lastQueued = text;
    const snapshot = current;
    queued += 1;
    chain = chain
      .then(() => saveSettings(dataDir, snapshot))
      .then(
        () => {
          failure = undefined;
        },
        (error: unknown) => {
          failure = saveFailure(error);
          // Not on disk: the same change asked again must be written again.
          lastQueued = undefined;
        },
      );
  });
  return {
    stop: async () => {
      unsubscribe();
      await chain;
    },
    saved,
    mark: () => queued,
    savedSince: async (mark) => {
      if (queued !== mark) await saved();
    },
  };
}
