import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type PigeonDatabase } from '../../../../src-main/core/store/database';
import { SettingsRepo } from '../../../../src-main/core/store/settings-repo';
import { StoreError } from '../../../../src-main/core/store/store-error';
import { tempFile } from './helpers';

const opened: PigeonDatabase[] = [];
function open(file: string | ':memory:' = ':memory:') {
  const db = openDatabase(file);
  opened.push(db);
  return { db, settings: new SettingsRepo(db) };
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('SettingsRepo', () => {
  it('keeps settings across a restart', () => {
    const file = tempFile();
    const first = open(file);
    first.settings.set('nickname', '小王');
    first.settings.set('port', 2426);
    first.settings.setMany({
      hosts: ['10.0.0.2', 'pc-9'],
      theme: 'dark',
      downloadDir: '/home/w/下载',
    });
    opened.pop()!.close();
    const { settings } = open(file);
    expect(settings.get('nickname')).toBe('小王');
    expect(settings.get('language')).toBeUndefined();
    expect(settings.all()).toEqual({
      nickname: '小王',
      port: 2426,
      hosts: ['10.0.0.2', 'pc-9'],
      theme: 'dark',
      downloadDir: '/home/w/下载',
    });
  });

  it('refuses invalid values and stores nothing of a batch with one', () => {
    const { settings } = open();
    expect(() => settings.set('port', 70000)).toThrow(StoreError);
    expect(() => settings.set('theme', 'neon' as 'dark')).toThrow(/theme/);
    expect(() => settings.setMany({ nickname: 'ok', port: -1 })).toThrow(StoreError);
    expect(() => settings.setMany({ bogus: 1 } as never)).toThrow(/Unknown setting/);
    expect(settings.all()).toEqual({});
  });

  it('overwrites and removes', () => {
    const { settings } = open();
    settings.set('status', 'away');
    settings.set('status', 'online');
    expect(settings.get('status')).toBe('online');
    settings.remove('status');
    expect(settings.get('status')).toBeUndefined();
  });

  it('reads a damaged or edited value as unset, and leaves it on disk', () => {
    const { db, settings } = open();
    settings.set('nickname', '小王');
    const put = db.sqlite.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
    put.run('port', '"2425"'); // a string, not a number
    put.run('theme', '{not json');
    put.run('hosts', JSON.stringify(Array(5000).fill('x'))); // too many
    put.run('constructor', '{}');
    put.run('__proto__', '{"polluted": true}');
    put.run('from-a-newer-pigeon', '1');
    expect(settings.get('port')).toBeUndefined();
    expect(settings.get('theme')).toBeUndefined();
    expect(settings.all()).toEqual({ nickname: '小王' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(db.sqlite.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(7);
  });
});
