import { z } from 'zod';
import { StoredSettingsSchema } from '../settings-file';
import type { PigeonDatabase } from './database';
import { StoreError } from './store-error';

/** Every setting Pigeon keeps, each checked on the way in and on the way out. */
export const SettingsSchema = StoredSettingsSchema.required().extend({
  /** Where received files are saved. */
  downloadDir: z.string().trim().min(1).max(4096),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingKey = keyof Settings;

const GET = 'SELECT value FROM settings WHERE key = ?';
const ALL = 'SELECT key, value FROM settings';
const SET = `INSERT INTO settings (key, value) VALUES (?, ?)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
const REMOVE = 'DELETE FROM settings WHERE key = ?';

const shape = SettingsSchema.shape as Record<string, z.ZodType>;
/** The schema of a known key; keys come from disk too, so `constructor` and the like are not keys. */
const schemaOf = (key: string): z.ZodType | undefined =>
  Object.hasOwn(shape, key) ? shape[key] : undefined;

/**
 * Settings as JSON values by key. What is read is parsed again (the file may have
 * been edited or damaged): a value that does not parse reads as unset, and stays
 * on disk untouched until it is set again.
 */
export class SettingsRepo {
  constructor(private readonly db: PigeonDatabase) {}

  get<K extends SettingKey>(key: K): Settings[K] | undefined {
    const text = this.db.run(() => this.db.statement(GET).pluck().get(key) as string | undefined);
    return text === undefined ? undefined : (parseValue(key, text) as Settings[K] | undefined);
  }

  /** Every setting that is stored and valid. */
  all(): Partial<Settings> {
    const rows = this.db.run(
      () => this.db.statement(ALL).all() as { key: string; value: string }[],
    );
    const settings: Record<string, unknown> = {};
    for (const { key, value } of rows) {
      const parsed = parseValue(key, value);
      if (parsed !== undefined) settings[key] = parsed;
    }
    return settings as Partial<Settings>;
  }

  /** Store a setting; throws StoreError 'invalid' for a value the schema refuses. */
  set<K extends SettingKey>(key: K, value: Settings[K]): void {
    this.setMany({ [key]: value } as Partial<Settings>);
  }

  /** Store several settings in one transaction; nothing is stored if any is invalid. */
  setMany(values: Partial<Settings>): void {
    const entries = Object.entries(values).filter(([, value]) => value !== undefined);
    const checked = entries.map(([key, value]) => [key, JSON.stringify(check(key, value))]);
    this.db.write(() => {
      for (const [key, json] of checked) this.db.statement(SET).run(key, json);
    });
  }

  remove(key: SettingKey): void {
    this.db.run(() => this.db.statement(REMOVE).run(key));
  }
}

function check(key: string, value: unknown): unknown {
  const schema = schemaOf(key);
  if (!schema) throw new StoreError('invalid', `Unknown setting: ${key}.`);
  const result = schema.safeParse(value);
  if (!result.success)
    throw new StoreError(
      'invalid',
      `Invalid value for the setting ${key}: ${result.error.issues[0]?.message ?? 'bad value'}.`,
    );
  return result.data;
}

function parseValue(key: string, text: string): unknown {
  const schema = schemaOf(key);
  if (!schema) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const result = schema.safeParse(json);
  return result.success ? result.data : undefined;
}
