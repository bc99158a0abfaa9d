import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CHECK_MARK, openDatabase } from '../../../../src-main/core/store/database';
import { latestVersion } from '../../../../src-main/core/store/migrate';
import { migrations } from '../../../../src-main/core/store/migrations/index';
import { MessagesRepo } from '../../../../src-main/core/store/messages-repo';
import { message, openTestDatabase, tableNames, tempFile, thrown } from './helpers';

// A bad history file never costs the user data silently: a damaged one is kept
// aside, a newer one is left alone, a busy or full one is reported in plain words.

const open = openTestDatabase;

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('openDatabase with a bad file', () => {
  it('keeps a file that is not a database aside, untouched, and starts a new one', () => {
    const file = tempFile();
    const junk = 'these are not the pages you are looking for '.repeat(50);
    writeFileSync(file, junk);
    const db = open(file, { now: () => Date.UTC(2026, 10, 22, 14, 3, 5) });
    expect(db.keptAside).toBe(`${file}.corrupt-2026-11-22T14-03-05-000Z`);
    expect(db.problem).toMatch(/damaged/);
    expect(db.problem).toContain(db.keptAside);
    expect(readFileSync(db.keptAside!, 'utf8')).toBe(junk);
    const repo = new MessagesRepo(db);
    repo.add(message({ id: 'fresh' }));
    expect(repo.get('fresh')).toBeDefined();
  });

  it('keeps a database with a damaged schema aside, byte for byte', () => {
    const file = tempFile();
    const setup = new BetterSqlite3(file);
    setup.exec('CREATE TABLE messages (body TEXT); INSERT INTO messages VALUES (1)');
    setup.close();
    // Break the stored CREATE statement so the schema no longer parses.
    const bytes = readFileSync(file);
    const at = bytes.indexOf('(body TEXT)');
    expect(at).toBeGreaterThan(0);
    bytes.write('(body TEXT(', at);
    writeFileSync(file, bytes);

    const db = open(file, { now: () => 1 });
    expect(db.problem).toMatch(/damaged/);
    expect(readFileSync(db.keptAside!).equals(bytes)).toBe(true);
    expect(db.version).toBe(latestVersion(migrations));
    expect(tableNames(db)).toContain('outbox');
  });

  it('never overwrites an earlier damaged file kept aside', () => {
    const file = tempFile();
    const at = () => 1_000;
    writeFileSync(file, 'first damaged file '.repeat(40));
    const first = open(file, { now: at });
    first.close();
    writeFileSync(file, 'second damaged file '.repeat(40));
    const second = open(file, { now: at });
    expect(second.keptAside).not.toBe(first.keptAside);
    expect(readFileSync(first.keptAside!, 'utf8')).toMatch(/^first damaged file/);
    expect(readFileSync(second.keptAside!, 'utf8')).toMatch(/^second damaged file/);
  });

  it('finds damaged pages when asked to verify', () => {
    const file = tempFile();
    const setup = open(file);
    const repo = new MessagesRepo(setup);
    setup.write(() => {
      for (let i = 0; i < 2000; i += 1) repo.add(message({ text: `filler ${i} `.repeat(20) }));
    });
    setup.close();
    // Scribble over pages in the middle of the file, leaving the header and schema intact.
    const bytes = readFileSync(file);
    bytes.fill(0x5a, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 8192);
    writeFileSync(file, bytes);
    const db = open(file, { verify: true });
    expect(db.problem).toMatch(/damaged/);
    expect(readFileSync(db.keptAside!).equals(bytes)).toBe(true);
    expect(new MessagesRepo(db).list('alice@pc1')).toEqual([]);
  });

  it('after meeting damage while running, checks the file at the next open', () => {
    const file = tempFile();
    const setup = open(file);
    const repo = new MessagesRepo(setup);
    setup.write(() => {
      for (let i = 0; i < 2000; i += 1) repo.add(message({ text: `filler ${i} `.repeat(20) }));
    });
    setup.close();
    const bytes = readFileSync(file);
    // A wide band in the middle, so it covers message pages whatever the layout; the
    // schema (page 1) stays intact.
    bytes.fill(0x5a, Math.floor(bytes.length * 0.3), Math.floor(bytes.length * 0.7));
    writeFileSync(file, bytes);

    // The schema still reads, so the file opens; reading every message meets the damage.
    const damaged = open(file);
    expect(damaged.problem).toBeUndefined();
    const error = thrown(() => [...new MessagesRepo(damaged).iterate('alice@pc1')]);
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/damaged/);
    damaged.close();
    expect(existsSync(file + CHECK_MARK)).toBe(true);

    const next = open(file);
    expect(next.problem).toMatch(/damaged/);
    expect(readFileSync(next.keptAside!).equals(bytes)).toBe(true);
    expect(existsSync(file + CHECK_MARK)).toBe(false);
    next.close();
    // Checked once: a healthy file opens without the slow check from then on.
    expect(open(file).problem).toBeUndefined();
  });

  it('refuses a file from a newer Pigeon and leaves it exactly as it was', () => {
    const file = tempFile();
    const newer = new BetterSqlite3(file);
    newer.exec('CREATE TABLE from_the_future (x)');
    newer.pragma(`user_version = ${latestVersion(migrations) + 7}`);
    newer.close();
    const before = { hash: sha(file), mtime: statSync(file).mtimeMs };
    const dirBefore = readdirSync(path.dirname(file));

    const error = thrown(() => openDatabase(file));
    expect(error.code).toBe('newer-version');
    expect(error.message).toMatch(/newer version of Pigeon/);
    expect(error.message).toMatch(/not changed/);
    expect(sha(file)).toBe(before.hash);
    expect(statSync(file).mtimeMs).toBe(before.mtime);
    expect(readdirSync(path.dirname(file))).toEqual(dirBefore);
  });

  it('says "locked" when another connection holds the write lock past the timeout', () => {
    const file = tempFile();
    open(file).close();
    const other = new BetterSqlite3(file);
    other.exec('BEGIN EXCLUSIVE');
    try {
      const started = Date.now();
      const error = thrown(() => openDatabase(file, { busyTimeoutMs: 100 }));
      expect(error.code).toBe('locked');
      expect(error.message).toMatch(/in use by another Pigeon/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    // Nothing was kept aside: a locked file is not a damaged one.
    expect(readdirSync(path.dirname(file)).some((name) => name.includes('corrupt'))).toBe(false);
    expect(open(file).problem).toBeUndefined();
  });

  it('says "locked" for a write that waits too long on another connection', () => {
    const file = tempFile();
    const db = open(file, { busyTimeoutMs: 50 });
    const other = new BetterSqlite3(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const error = thrown(() => new MessagesRepo(db).add(message()));
      expect(error.code).toBe('locked');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('with `exclusive`, keeps a second Pigeon out for as long as it is open', () => {
    const file = tempFile();
    const first = open(file, { exclusive: true });
    new MessagesRepo(first).add(message({ id: 'mine' }));
    expect(thrown(() => openDatabase(file, { busyTimeoutMs: 50 })).code).toBe('locked');
    first.close();
    expect(new MessagesRepo(open(file)).get('mine')).toBeDefined();
  });

  it('says "disk-full" when a write does not fit, and keeps what was saved', () => {
    const file = tempFile();
    const db = open(file);
    const repo = new MessagesRepo(db);
    repo.add(message({ id: 'before-full' }));
    const pages = db.sqlite.pragma('page_count', { simple: true }) as number;
    db.sqlite.pragma(`max_page_count = ${pages + 2}`);
    const error = thrown(() =>
      db.write(() => {
        for (let i = 0; i < 1000; i += 1) repo.add(message({ text: 'x'.repeat(2000) }));
      }),
    );
    expect(error.code).toBe('disk-full');
    expect(error.message).toMatch(/disk is full/);
    expect(repo.list('alice@pc1').map((m) => m.id)).toEqual(['before-full']);
  });

  it('says plainly when the path cannot be a database', () => {
    const dir = path.dirname(tempFile());
    const error = thrown(() => openDatabase(dir));
    expect(error.code).toBe('cannot-open');
    expect(readdirSync(dir)).toEqual([]);
  });
});
