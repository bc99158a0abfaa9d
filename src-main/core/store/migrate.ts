import type { Database } from 'better-sqlite3';

/**
 * One numbered step of the schema. `up` runs inside the transaction that also
 * raises `PRAGMA user_version`, so a step is applied whole or not at all.
 * A step must never be edited once released: add a new one instead.
 */
export interface Migration {
  readonly version: number;
  up(db: Database): void;
}

/** The schema version a file is at (0 for a new, empty file). */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The newest version a list of migrations reaches; throws if they are not numbered 1, 2, 3, … */
export function latestVersion(migrations: readonly Migration[]): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1)
      throw new Error(`Migration ${index + 1} is numbered ${migration.version}: fix the list.`);
  });
  return migrations.length;
}

/**
 * Bring the schema up to the newest version. Always takes the write lock (BEGIN
 * IMMEDIATE), even when nothing is pending: a file another Pigeon is writing to is
 * found at open, not at the first message. Returns the version it started from.
 */
export function migrate(db: Database, migrations: readonly Migration[]): number {
  const latest = latestVersion(migrations);
  const step = db.transaction(() => {
    // Read again under the lock: another process may have migrated meanwhile.
    const current = schemaVersion(db);
    for (const migration of migrations.slice(current)) migration.up(db);
    if (current < latest) db.pragma(`user_version = ${latest}`);
    return current;
  });
  return step.immediate();
}
