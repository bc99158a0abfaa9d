import type { Database } from 'better-sqlite3';

/**
 * Placeholder for migration 11, which another branch adds: this branch's 013 needs the
 * list numbered 1, 2, 3, …  At merge, the real 011 replaces this file.
 */
export const version = 11;

export function up(_db: Database): void {}
