import type { ChildProcess } from 'node:child_process';
import type { Lan } from './lan';
import { hasExited, waitUntil, type RunResult } from './proc';

/** A virtual X display living on one lab host. */
export interface VirtualDisplay {
  readonly host: string;
  /** e.g. ':3' */
  readonly display: string;
  readonly child: ChildProcess;
  /** Runs an X client (xdotool, import…) on the host against this display. */
  x(
    cmd: string,
    args: readonly string[],
    opts?: { allowFailure?: boolean; timeoutMs?: number },
  ): Promise<RunResult>;
  /** Saves a PNG of the whole screen. */
  screenshot(path: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `Xvfb -screen 0 <size> -nolisten tcp` on a host. Xvfb picks the lowest display
 * number free on that host (-displayfd) and writes no lock file. Its socket is reached
 * from the same network namespace only (displays on different hosts may share a
 * number), so X clients must run on that host: use `x()`.
 */
export async function startXvfb(
  lan: Lan,
  host: string,
  size = '1024x700x24',
): Promise<VirtualDisplay> {
  const child = lan.spawnOn(
    host,
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', size, '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    },
  );
  let number = '';
  const fd3 = child.stdio[3];
  if (!fd3 || !('on' in fd3)) throw new Error('Xvfb: no display pipe');
  fd3.on('data', (chunk: Buffer) => {
    number += chunk.toString('utf8');
  });
  const display = await waitUntil(
    `Xvfb on ${host}`,
    () => {
      if (hasExited(child)) throw new Error(`Xvfb on ${host} exited: ${lan.outputOf(child)}`);
      return /^\d+\n/.test(number) ? `:${number.trim()}` : undefined;
    },
    15_000,
    20,
  );

  const x: VirtualDisplay['x'] = (cmd, args, opts = {}) =>
    lan.exec(host, cmd, args, {
      env: { DISPLAY: display },
      timeoutMs: opts.timeoutMs ?? 15_000,
      ...opts,
    });

  return {
    host,
    display,
    child,
    x,
    async screenshot(path) {
      await x('import', ['-window', 'root', path]);
    },
    stop: () => lan.stop(child),
  };
}

/** Runs the given xdotool arguments; resolves with the window ids it printed. */
export async function xdotoolWindows(
  screen: VirtualDisplay,
  args: readonly string[],
): Promise<string[]> {
  const result = await screen.x('xdotool', args, { allowFailure: true });
  return result.stdout.split(/\s+/).filter((id) => /^\d+$/.test(id));
}

/** A visible window whose title matches exactly, if there is one. */
export async function findWindow(
  screen: VirtualDisplay,
  title: RegExp,
): Promise<string | undefined> {
  // xdotool matches names case-insensitively: re-check each title exactly.
  const ids = await xdotoolWindows(screen, ['search', '--onlyvisible', '--name', title.source]);
  for (const id of ids) {
    const name = await screen.x('xdotool', ['getwindowname', id], { allowFailure: true });
    if (title.test(name.stdout.replace(/\n$/, ''))) return id;
  }
  return undefined;
}

/** Waits until a visible window whose title matches appears; resolves with its id. */
export function waitForWindow(
  screen: VirtualDisplay,
  title: RegExp,
  timeoutMs = 10_000,
): Promise<string> {
  return waitUntil(
    `a window titled ${title} on ${screen.display}`,
    () => findWindow(screen, title),
    timeoutMs,
    200,
  );
}
