import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import type { MessageDTO } from '../../../../preload/contract';
import { StoreError } from '../../../../src-main/core/store/store-error';

const made: string[] = [];
// Every folder a test file made goes when that file's tests are done.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

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
