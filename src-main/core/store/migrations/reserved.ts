import type { Migration } from '../migrate';

/**
 * A number reserved for a migration that is written on another branch at the same
 * time. Migrations must be numbered 1, 2, 3, …; until the branches meet, the gap is
 * held by a step that changes nothing. The merge replaces it with the real step.
 */
export function reservedMigration(version: number): Migration {
  return { version, up: () => undefined };
}
