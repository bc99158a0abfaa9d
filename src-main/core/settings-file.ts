import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { MessengerCore } from './messenger-api';

export const StoredSettingsSchema = z
  .object({
    nickname: z.string().trim().min(1).max(64),
    group: z.string().trim().max(64),
    status: z.enum(['online', 'away']),
    port: z.number().int().min(1).max(65535),
    language: z.enum(['zh-CN', 'en']),
    theme: z.enum(['system', 'light', 'dark']),
    hosts: z.array(z.string().max(300)).max(1000),
    broadcastAddresses: z.array(z.string().max(300)).max(100),
    downloadDir: z.string().min(1).max(4096),
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
 * Read settings from the data folder. A damaged file is never overwritten: it is
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
  try {
    const parsed = StoredSettingsSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { settings: parsed.data };
  } catch {
    // fall through: not JSON
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
  await fs.mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, FILE);
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, JSON.stringify(StoredSettingsSchema.parse(settings), null, 2));
  await fs.rename(temp, file);
}

/**
 * Keep the profile (name, group, status, language, theme) and the network settings
 * (port, download folder, hosts, broadcast addresses) saved whenever they change.
 * Returns a stop function that resolves once the last change is on disk.
 */
export function persistProfile(
  core: MessengerCore,
  dataDir: string,
  base: StoredSettings,
): () => Promise<void> {
  let current = { ...base };
  let chain = Promise.resolve();
  const unsubscribe = core.onEvent((event) => {
    if (event.type === 'self') {
      const { nickname, group, status, language, theme } = event.self;
      current = { ...current, nickname, group, status, language, theme };
    } else if (event.type === 'settings') {
      const { port, downloadDir, hosts, broadcastAddresses } = event.settings;
      current = { ...current, port, downloadDir, hosts, broadcastAddresses };
    } else {
      return;
    }
    const snapshot = current;
    chain = chain.then(() => saveSettings(dataDir, snapshot)).catch(() => undefined);
  });
  return async () => {
    unsubscribe();
    await chain;
  };
}
