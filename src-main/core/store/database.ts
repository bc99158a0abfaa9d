import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { keepAside } from './keep-aside';
import { latestVersion, migrate, schemaVersion, type Migration } from './migrate';
import { migrations as allMigrations } from './migrations/index';
import { DiskFullWatch, isDiskFull } from './disk-full-watch';
import { StoreError, isCorruption, translateError } from './store-error';

export interface OpenDatabaseOptions {
  /** How long to wait for another connection's lock before failing with 'locked' (default 5000). */
  busyTimeoutMs?: number;
  /**
   * Hold the file's lock for as long as this connection is open, so a second Pigeon
   * on the same file fails at open with 'locked' (other programs cannot read it either).
   */
  exclusive?: boolean;
  /**
   * Run SQLite's quick_check at open. It reads the whole file, so it is slow on a big
   * history; it also runs by itself after damage was met while running (see CHECK_MARK).
   */
  verify?: boolean;
  /** How long writes must stop failing before a full disk counts as cleared (DiskFullWatch). */
  diskFullSettleMs?: number;
  /** Migrations to apply; tests pass a prefix of the list to build an older file. */
  migrations?: readonly Migration[];
  /** Clock for the name of a damaged file kept aside. */
  now?: () => number;
  /**
   * The native module's file, when not the one better-sqlite3 finds itself: `npm start`
   * runs Electron with a build made for Electron's ABI, kept beside the Node build.
   */
  nativeBinding?: string;
}

/** An open history file, ready for the repositories. */
export interface PigeonDatabase {
  /** The raw connection: for repositories and tests, not for the rest of the core. */
  readonly sqlite: Database;
  readonly file: string;
  /** Schema version now (after migrations). */
  readonly version: number;
  /** Schema version the file had when opened (0 for a new file). */
  readonly openedAtVersion: number;
  /** Set when a damaged file was kept aside and a new one started; plain words for the user. */
  readonly problem?: string;
  /** Where the damaged file went, when `problem` is set. */
  readonly keptAside?: string;
  /**
   * A prepared statement, compiled once per connection and shared by everyone using
   * the same SQL text: a pluck() or raw() set on it stays set, so give such uses
   * their own SQL.
   */
  statement(sql: string): Statement;
  /** Run reads or single writes, turning SQLite errors into StoreErrors. */
  run<T>(work: () => T): T;
  /** Run work in one write transaction (BEGIN IMMEDIATE); nested calls become savepoints. */
  write<T>(work: () => T): T;
  /** Whether writes are failing for lack of space right now (see DiskFullWatch). */
  readonly disk: DiskFullWatch;
  /** Close the connection; safe to call twice. */
  close(): void;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Left beside the file when damage shows up while running (a page that no longer
 * reads). Opening checks the whole file when it is there, so the damage is found
 * and the file kept aside, as the user was told would happen.
 */
export const CHECK_MARK = '.needs-check';

/**
 * Open (or create) Pigeon's history file: WAL journal, NORMAL sync (a crash of
 * Pigeon loses nothing committed; a power cut may lose the last moments),
 * foreign keys on, and pending migrations applied in one transaction.
 *
 * - A damaged file is renamed to `<file>.corrupt-<time>` (never overwritten) and a
 *   new one is opened with `problem` set.
 * - A file from a newer Pigeon is refused with StoreError 'newer-version' and left untouched.
 * - A file another Pigeon is writing to fails with StoreError 'locked' after the busy timeout.
 */
export function openDatabase(
  file: string | ':memory:',
  options: OpenDatabaseOptions = {},
): PigeonDatabase {
  if (file === ':memory:') {
    try {
      return connect(file, options);
    } catch (error) {
      throw translateError(error, file);
    }
  }
  const full = path.resolve(file);
  try {
    fs.mkdirSync(path.dirname(full), { recursive: true });
  } catch (error) {
    throw new StoreError(
      'cannot-open',
      `Pigeon could not create the folder for ${full}: ${(error as Error).message}.`,
      { cause: error },
    );
  }
  const mark = full + CHECK_MARK;
  const checked = { ...options, verify: options.verify || fs.existsSync(mark) };
  let db: PigeonDatabase | undefined;
  try {
    db = connect(full, checked);
  } catch (error) {
    if (!isCorruption(error)) throw translateError(error, full);
  }
  if (!db) {
    const keptAside = keepAside(full, (options.now ?? Date.now)());
    const problem = `Pigeon's history file was damaged and could not be read. It was kept as ${keptAside}, and a new, empty history was started.`;
    try {
      db = connect(full, options, { problem, keptAside });
    } catch (error) {
      throw translateError(error, full);
    }
  }
  try {
    fs.rmSync(mark, { force: true });
  } catch {
    // Left in place, it only makes the next open check the file again.
  }
  return db;
}

function connect(
  file: string,
  options: OpenDatabaseOptions,
  damaged?: { problem: string; keptAside: string },
): PigeonDatabase {
  const migrations = options.migrations ?? allMigrations;
  const latest = latestVersion(migrations);
  const timeout = Math.max(0, Math.floor(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS));
  let sqlite: Database | undefined;
  try {
    sqlite = new BetterSqlite3(file, {
      timeout,
      ...(options.nativeBinding && { nativeBinding: options.nativeBinding }),
    });
    // Read the version before changing anything: a newer file is left exactly as it was.
    refuseNewer(schemaVersion(sqlite), latest, file);
    // Parse the schema (and check pages if asked) while still only reading, so a
    // damaged file is found here, not at the first message, and kept aside as it was.
    sqlite.prepare('SELECT count(*) FROM sqlite_schema').get();
    if (options.verify) verify(sqlite);
    if (options.exclusive) sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    // 32 MiB of page cache (the default is 2): searches that read messages one by one
    // touch many pages, and a desktop messenger can spare it.
    sqlite.pragma('cache_size = -32768');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${timeout}`);
    const openedAtVersion = migrate(sqlite, migrations);
    refuseNewer(openedAtVersion, latest, file);
    return new Connection(sqlite, file, latest, openedAtVersion, damaged, options.diskFullSettleMs);
  } catch (error) {
    sqlite?.close();
    throw error;
  }
}

function refuseNewer(found: number, latest: number, file: string): void {
  if (found <= latest) return;
  throw new StoreError(
    'newer-version',
    `The history file ${file} was written by a newer version of Pigeon (format ${found}; this version reads up to ${latest}). Update Pigeon to open it; the file was not changed.`,
  );
}

function verify(sqlite: Database): void {
  const verdict = sqlite.pragma('quick_check', { simple: true });
  if (verdict !== 'ok')
    throw Object.assign(new Error(`quick_check: ${String(verdict)}`), { code: 'SQLITE_CORRUPT' });
}

class Connection implements PigeonDatabase {
  readonly problem?: string;
  readonly keptAside?: string;
  readonly disk: DiskFullWatch;
  private readonly statements = new Map<string, Statement>();
  private readonly transaction: (work: () => unknown) => unknown;
  /** SQLite's count of rows written, when the disk was last found full. */
  private changesWhenFull = 0;
  private totalChangesQuery?: Statement;

  constructor(
    readonly sqlite: Database,
    readonly file: string,
    readonly version: number,
    readonly openedAtVersion: number,
    damaged?: { problem: string; keptAside: string },
    diskFullSettleMs?: number,
  ) {
    this.disk = new DiskFullWatch(diskFullSettleMs);
    if (damaged) {
      this.problem = damaged.problem;
      this.keptAside = damaged.keptAside;
    }
    this.transaction = sqlite.transaction((work: () => unknown) => work()).immediate;
  }

  statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.run(() => this.sqlite.prepare(sql));
      this.statements.set(sql, statement);
    }
    return statement;
  }

  run<T>(work: () => T): T {
    let result: T;
    try {
      result = work();
    } catch (error) {
      if (isCorruption(error)) this.markForCheck();
      const translated = translateError(error, this.file);
      if (isDiskFull(translated)) this.noteFull();
      throw translated;
    }
    if (this.disk.isFull) this.noteSpaceIfWritten();
    return result;
  }

  private noteFull(): void {
    this.changesWhenFull = this.totalChanges();
    this.disk.noteFull();
  }

  /** Only a committed write proves there is space again; reads succeed on a full disk. */
  private noteSpaceIfWritten(): void {
    if (this.sqlite.inTransaction) return;
    if (this.totalChanges() > this.changesWhenFull) this.disk.noteSpace();
  }

  private totalChanges(): number {
    try {
      // Asked after every statement while the disk is full: prepared once.
      this.totalChangesQuery ??= this.sqlite.prepare('SELECT total_changes()').pluck();
      return this.totalChangesQuery.get() as number;
    } catch {
      return this.changesWhenFull;
    }
  }

  write<T>(work: () => T): T {
    return this.run(() => this.transaction(work) as T);
  }

  private markForCheck(): void {
    if (this.sqlite.memory) return;
    try {
      fs.writeFileSync(this.file + CHECK_MARK, '');
    } catch {
      // Best effort: the error itself still reaches the caller.
    }
  }

  close(): void {
    if (!this.sqlite.open) return;
    this.statements.clear();
    try {
      // Keeps the planner's statistics fresh; cheap, and harmless if it fails.
      this.sqlite.pragma('optimize');
    } catch {
      // closing matters more
    }
    this.sqlite.close();
  }
}
