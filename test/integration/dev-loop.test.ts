// `npm run dev`'s pieces: esbuild watch → restart, and headless mode serving Vite's
// page through PIGEON_RENDERER_URL. Only processes started here are ended, by PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const temporary: string[] = [];
const cleanups: (() => Promise<unknown> | unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pigeon-dev-'));
  temporary.push(dir);
  return dir;
}

interface Restarter {
  restart(): Promise<ChildProcess>;
  stop(): Promise<void>;
}
type WatchBuild = (
  entries: { in: string; out: string }[],
  onBuilt: (build: { initial: boolean }) => void,
  overrides?: Record<string, unknown>,
) => Promise<{ ok: boolean; dispose(): Promise<void> }>;

async function until<T>(probe: () => T | undefined, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm run dev', () => {
  it('rebuilds a changed entry and restarts its process', async () => {
    const { watchBuild } = (await import(path.join(root, 'scripts/dev/watch-build.mjs'))) as {
      watchBuild: WatchBuild;
    };
    const { createRestarter } = (await import(path.join(root, 'scripts/dev/restarter.mjs'))) as {
      createRestarter(options: Record<string, unknown>): Restarter;
    };
    const dir = tempDir();
    const source = path.join(dir, 'main.ts');
    const program = (version: string) =>
      `const version: string = '${version}';\nconsole.log(version);\nsetInterval(() => undefined, 1000);\n`;
    writeFileSync(source, program('v1'));
    const started: { pid: number; output: string }[] = [];
    const child = createRestarter({
      command: process.execPath,
      args: [path.join(dir, 'out/main.cjs')],
      cwd: dir,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.push(() => child.stop());
    const watcher = await watchBuild(
      [{ in: 'main.ts', out: 'out/main.cjs' }],
      () =>
        void child.restart().then((process) => {
          const run = { pid: process.pid ?? 0, output: '' };
          started.push(run);
          process.stdout?.on('data', (chunk: Buffer) => (run.output += chunk.toString()));
        }),
      { absWorkingDir: dir, sourcemap: false },
    );
    cleanups.push(() => watcher.dispose());
    expect(watcher.ok).toBe(true);
    const first = await until(() => started.find((run) => run.output.includes('v1')), 'v1');

    writeFileSync(source, program('v2'));
    const second = await until(() => started.find((run) => run.output.includes('v2')), 'v2');
    expect(second.pid).not.toBe(first.pid);
    await until(() => !alive(first.pid), 'the first process to end');
    expect(alive(second.pid)).toBe(true);
  });

  it('serves the dev server’s page through headless mode, and restarts it on a change', async () => {
    const data = tempDir();
    const dev = spawn(
      process.execPath,
      [
        path.join(root, 'scripts/dev.mjs'),
        '--headless',
        ...['--nick', 'Dev', '--data-dir', data, '--bind', '127.0.0.1', '--no-broadcast'],
        ...['--port', String(20000 + Math.floor(Math.random() * 20000))],
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    dev.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    dev.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => dev.on('exit', resolve));
    cleanups.push(async () => {
      if (dev.exitCode === null) dev.kill('SIGTERM');
      await exited;
    });
    const uiUrls = () => [...output.matchAll(/Pigeon UI: (\S+)/g)].map((m) => m[1] as string);
    const pids = () => [...output.matchAll(/started node \(pid (\d+)\)/g)].map((m) => Number(m[1]));

    const url = await until(() => uiUrls()[0], 'the UI address', 60_000);
    expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(output).toMatch(/renderer: http:\/\/127\.0\.0\.1:\d+\//);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/@vite/client');
    expect(html).toContain('<div id="root">');
    const entry = await fetch(new URL('/main.tsx', url));
    expect(entry.headers.get('content-type')).toMatch(/javascript/);

    // A change to a main-process file: rebuilt, the old headless process ends, a new one serves.
    const now = new Date();
    utimesSync(path.join(root, 'src-main/headless/dev-renderer.ts'), now, now);
    const restarted = await until(() => uiUrls()[1], 'the restarted UI', 60_000);
    expect(output).toContain('rebuilt out/headless/index.cjs: restarting');
    expect(new URL(restarted).port).toBe(new URL(url).port);
    const [firstPid, secondPid] = pids();
    expect(alive(firstPid!)).toBe(false);
    expect((await fetch(restarted)).status).toBe(200);

    dev.kill('SIGTERM');
    await exited;
    expect(alive(secondPid!), output).toBe(false);
  }, 120_000);
});
