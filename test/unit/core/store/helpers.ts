import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, expect } from 'vitest';
import type { MessageDTO } from '../../../../src-shared/contract';
import { openDatabase, type PigeonDatabase } from '../../../../src-main/core/store/database';
import { StoreError } from '../../../../src-main/core/store/store-error';

const made: string[] = [];
// Every folder a test file made goes when that file's tests are done.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const opened: PigeonDatabase[] = [];
// Every history a test opened is closed when that test ends, passed or failed.
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** openDatabase, closed after the test. */
export function openTestDatabase(...args: Parameters<typeof openDatabase>): PigeonDatabase {
  const db = openDatabase(...args);
  opened.push(db);
  return db;
}

/** The names of a history's tables, sorted. */
export const tableNames = (db: PigeonDatabase): string[] =>
  (
    db.sqlite
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .all() as {
      name: string;
    }[]
  ).map((row) => row.name);

/** The column names of one table. */
export const columnNames = (db: PigeonDatabase, table: string): string[] =>
  (db.sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map(
    (column) => column.name,
  );

/** A fresh folder for one test's files. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pigeon-store-'));
  made.push(dir);
  return dir;
}

/** A history file path in a fresh folder. */
export const tempFile = (): string => path.join(tempDir(), 'history.db');

let counter = 0;

/** A message with sensible defaults; ids are unique within the test process. */
export function message(fields: Partial<MessageDTO> = {}): MessageDTO {
  counter += 1;
  return {
    id: `m-${counter}`,
    conversationId: 'alice@pc1',
    direction: 'in',
    text: `message ${counter}`,
    state: 'received',
    at: 1_790_000_000_000 + counter,
    ...fields,
  };
}

/** The StoreError `work` throws; fails the test if it throws nothing or something else. */
export function thrown(work: () => unknown): StoreError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('expected a StoreError, nothing was thrown');
}

/** How many statements `matches` (by their SQL) the repositories asked for since this call. */
export function countStatements(
  db: PigeonDatabase,
  matches: (sql: string) => boolean,
): () => number {
  let count = 0;
  const statement = db.statement.bind(db);
  db.statement = (sql: string) => {
    if (matches(sql)) count += 1;
    return statement(sql);
  };
  return () => count;
}
