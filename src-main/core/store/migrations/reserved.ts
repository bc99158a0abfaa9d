import type { Migration } from '../migrate';

/**
 * A number reserved for a migration written on another branch at the same time.
 * Migrations are numbered 1, 2, 3, …; until the branches meet the gap is held by a
 * step that changes nothing, and the merge puts the real step in its place.
 */
export function reservedMigration(version: number): Migration {
  return { version, up: () => undefined };
}
