import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import * as electronBinary from '../../../scripts/lib/electron-binary.mjs';
import { useTempDirs } from './temp-dirs';

const { electronRunEnvironment, installEnvironment } = electronBinary as {
  electronRunEnvironment(env: NodeJS.ProcessEnv, sqliteBinding?: string): NodeJS.ProcessEnv;
  installEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
};

const root = path.resolve(__dirname, '../../..');
const script = path.join(root, 'scripts/start.mjs');
const electronVersion = (
  JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string;
  }
).version;
const tempDir = useTempDirs('pigeon-start-');
let mirror: Server | undefined;

/** An Electron mirror on loopback that records each request and has nothing (404). */
async function emptyMirror(requests: string[]): Promise<string> {
  mirror = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.statusCode = 404;
    response.end('not here');
  });
  await new Promise<void>((resolve) => mirror?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`;
}

function runStart(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { cwd: root, env, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** This test's environment: no proxy, no cached download, a binary that is not there. */
function startEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: ':99', ...extra };
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) delete env[name];
  delete env.ELECTRON_CUSTOM_DIR;
  delete env.ELECTRON_CUSTOM_FILENAME;
  return env;
}

describe('npm start on a machine without the Electron binary', () => {
  afterEach(async () => {
    await new Promise((resolve) => (mirror ? mirror.close(resolve) : resolve(undefined)));
    mirror = undefined;
  });

  it("downloads it through Electron's install step from ELECTRON_MIRROR, and says why it failed", async () => {
    const requests: string[] = [];
    const url = await emptyMirror(requests);
    const { code, output } = await runStart(
      startEnv({
        ELECTRON_MIRROR: url,
        // An empty cache, so the install step must ask the mirror.
        electron_config_cache: tempDir(),
        ELECTRON_OVERRIDE_DIST_PATH: tempDir(),
      }),
    );
    const zip = `electron-v${electronVersion}-${process.platform}-${process.arch}.zip`;
    expect(requests).toContain(`/v${electronVersion}/${zip}`);
    expect(code).toBe(1);
    expect(output).toContain(`Electron ${electronVersion} is not installed yet: downloading it`);
    // The actual error, then how to retry, then the way around.
    expect(output).toMatch(new RegExp(`could not download Electron[^]*404[^]*${zip}`));
    expect(output).toContain('To retry, run `npm start` again');
    expect(output).toContain('npm run headless -- --nick <name>');
    // It stopped before building: nothing launched without a binary.
    expect(output).not.toContain('Built out/main');
  }, 30_000);

  it.runIf(process.platform === 'linux')(
    'says there is no display before downloading anything',
    async () => {
      const requests: string[] = [];
      const url = await emptyMirror(requests);
      const env = startEnv({ ELECTRON_MIRROR: url, ELECTRON_OVERRIDE_DIST_PATH: tempDir() });
      delete env.DISPLAY;
      delete env.WAYLAND_DISPLAY;
      const { code, output } = await runStart(env);
      expect(code).toBe(1);
      expect(output).toContain('There is no display here');
      expect(output).toContain('npm run headless');
      expect(requests).toEqual([]);
    },
  );
});

describe('the install step environment', () => {
  it('turns on proxy support when the user set a proxy', () => {
    const env = installEnvironment({
      HTTPS_PROXY: 'http://proxy.example:3128',
    }) as NodeJS.ProcessEnv;
    expect(env.ELECTRON_GET_USE_PROXY).toBe('true');
    expect(env.HTTPS_PROXY).toBe('http://proxy.example:3128');
  });

  it('leaves it off without a proxy, and keeps a value the user set', () => {
    expect((installEnvironment({}) as NodeJS.ProcessEnv).ELECTRON_GET_USE_PROXY).toBeUndefined();
    const chosen = installEnvironment({
      http_proxy: 'http://proxy.example:3128',
      ELECTRON_GET_USE_PROXY: '1',
    }) as NodeJS.ProcessEnv;
    expect(chosen.ELECTRON_GET_USE_PROXY).toBe('1');
  });
});

describe('the environment Electron runs Pigeon in', () => {
  it('carries the SQLite module built for Electron and never ELECTRON_RUN_AS_NODE', () => {
    const given = { ELECTRON_RUN_AS_NODE: '1', LANG: 'C' };
    const env = electronRunEnvironment(given, '/x/better_sqlite3.node') as NodeJS.ProcessEnv;
    expect(env).toEqual({ LANG: 'C', PIGEON_SQLITE_BINDING: '/x/better_sqlite3.node' });
    expect(given.ELECTRON_RUN_AS_NODE).toBe('1');
    expect(electronRunEnvironment({}, undefined)).toEqual({});
  });
});
