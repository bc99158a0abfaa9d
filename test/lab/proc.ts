import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** What a finished command printed and how it ended. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Kill the command after this long (default 30 s). */
  timeoutMs?: number;
  /** Resolve instead of rejecting when the command exits non-zero. */
  allowFailure?: boolean;
  /** Extra environment, merged over this process's environment. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Runs a short command to completion and collects its output. */
export function run(
  cmd: string,
  args: readonly string[],
  opts: RunOptions = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      [...args],
      {
        timeout: opts.timeoutMs ?? 30_000,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, ...opts.env },
        cwd: opts.cwd,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        if (error && !opts.allowFailure) {
          const why = error.killed ? `killed after ${opts.timeoutMs ?? 30_000} ms` : `exit ${code}`;
          reject(new Error(`${cmd} ${args.join(' ')}: ${why}\n${stderr || stdout}`.trim()));
          return;
        }
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export interface StopOptions {
  /** First signal (default SIGTERM); SIGKILL follows after graceMs. */
  signal?: NodeJS.Signals;
  graceMs?: number;
}

const OUTPUT_LIMIT = 256 * 1024;

/**
 * Starts long-running processes and remembers exactly those, so a test can end them
 * by PID. Each one leads its own process group (detached), so helpers it forks
 * (a D-Bus daemon, a browser's renderers) end with it.
 */
export class ProcessTracker {
  private readonly live = new Set<ChildProcess>();
  private readonly output = new WeakMap<ChildProcess, string[]>();
  private readonly exited = new WeakMap<ChildProcess, Promise<void>>();

  spawn(cmd: string, args: readonly string[], opts: SpawnOptions = {}): ChildProcess {
    const child = spawn(cmd, [...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...opts,
      detached: true,
    });
    this.live.add(child);
    this.exited.set(
      child,
      new Promise<void>((resolve) => {
        child.once('close', () => resolve());
        child.once('error', () => resolve());
      }),
    );
    child.once('close', () => this.live.delete(child));
    child.once('error', () => this.live.delete(child));
    // Keep a tail of what it prints: for failure messages, and so a full pipe never blocks it.
    const chunks: string[] = [];
    this.output.set(child, chunks);
    const keep = (data: Buffer): void => {
      chunks.push(data.toString('utf8'));
      let size = chunks.reduce((n, c) => n + c.length, 0);
      while (size > OUTPUT_LIMIT && chunks.length > 1) size -= chunks.shift()?.length ?? 0;
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return child;
  }

  /** Everything the process printed (stdout and stderr interleaved), last 256 KiB. */
  outputOf(child: ChildProcess): string {
    return (this.output.get(child) ?? []).join('');
  }

  /** The processes started here that have not exited yet. */
  running(): ChildProcess[] {
    return [...this.live];
  }

  /** Resolves when the process has exited and been reaped. */
  async waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
    const done = this.exited.get(child) ?? Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const result = await Promise.race([done.then(() => true), timeout]);
    clearTimeout(timer);
    return result;
  }

  /** Ends one process this tracker started, with its process group. */
  async stop(child: ChildProcess, opts: StopOptions = {}): Promise<void> {
    if (!this.live.has(child) || child.pid === undefined) return;
    signalGroup(child.pid, opts.signal ?? 'SIGTERM');
    if (await this.waitForExit(child, opts.graceMs ?? 3000)) {
      // The leader is gone; helpers in its group may linger.
      signalGroup(child.pid, 'SIGKILL');
      return;
    }
    signalGroup(child.pid, 'SIGKILL');
    await this.waitForExit(child, 5000);
  }

  async stopAll(opts: StopOptions = {}): Promise<void> {
    await Promise.all(this.running().map((child) => this.stop(child, opts)));
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** True once the process has ended, by exit or by signal. */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** True while a process with this PID exists (zombies included). */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Polls `check` until it returns a value other than undefined, or fails after timeoutMs. */
export async function waitUntil<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
