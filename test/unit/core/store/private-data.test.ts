// The data folder holds the history, the settings and pictures: only the user may read them.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveSettings } from '../../../../src-main/core/settings-file';
import { openHistory } from '../../../../src-main/core/store/history-file';

const root = mkdtempSync(path.join(os.tmpdir(), 'pigeon-private-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const mode = (file: string) => statSync(file).mode & 0o777;

describe('private data (Linux, macOS)', () => {
  it('creates the data folder, its folders and files for the user alone', async () => {
    const dataDir = path.join(root, 'fresh', '.pigeon-data');
    await saveSettings(dataDir, { nickname: 'Wang' });
    const store = openHistory(dataDir, () => undefined);
    try {
      store.db.sqlite.exec('CREATE TABLE IF NOT EXISTS probe (x); INSERT INTO probe VALUES (1)');
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(path.join(dataDir, 'images'))).toBe(0o700);
      expect(mode(path.join(dataDir, 'staging'))).toBe(0o700);
      for (const file of ['pigeon.db', 'pigeon.db-wal', 'settings.json']) {
        expect(mode(path.join(dataDir, file)), file).toBe(0o600);
      }
      // Held exclusively, SQLite keeps the WAL index in memory; a -shm file, if any, is private.
      if (existsSync(path.join(dataDir, 'pigeon.db-shm'))) {
        expect(mode(path.join(dataDir, 'pigeon.db-shm'))).toBe(0o600);
      }
    } finally {
      store.close();
    }
  });

  it('tightens what an older version left readable', () => {
    const dataDir = path.join(root, 'old');
    mkdirSync(path.join(dataDir, 'images'), { recursive: true });
    chmodSync(dataDir, 0o755);
    chmodSync(path.join(dataDir, 'images'), 0o755);
    writeFileSync(path.join(dataDir, 'settings.json'), '{}', { mode: 0o644 });
    chmodSync(path.join(dataDir, 'settings.json'), 0o644);
    const store = openHistory(dataDir, () => undefined);
    store.close();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'images'))).toBe(0o700);
    expect(mode(path.join(dataDir, 'settings.json'))).toBe(0o600);
    expect(mode(path.join(dataDir, 'pigeon.db'))).toBe(0o600);
  });
});
