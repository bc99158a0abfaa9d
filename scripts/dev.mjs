#!/usr/bin/env node
// `npm run dev`: the renderer from Vite's dev server (hot reload); main and preload
// rebuilt by esbuild on change and Electron restarted. Where there is no Electron
// binary (or with --headless), headless mode is rebuilt and restarted instead and
// serves the dev server's page. Arguments after `--` go to Pigeon.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ELECTRON_ENTRIES, HEADLESS_ENTRY, root } from './build-config.mjs';
import { freePort, startRendererServer } from './dev/renderer-server.mjs';
import { createRestarter } from './dev/restarter.mjs';
import { watchBuild } from './dev/watch-build.mjs';
import {
  electronRunEnvironment,
  electronVersion,
  findElectronBinary,
} from './lib/electron-binary.mjs';
import { ensureElectronSqlite } from './lib/electron-sqlite.mjs';

const log = (line) => process.stderr.write(`[dev] ${line}\n`);

/** How to run Pigeon: Electron when its binary is there, else headless mode. */
export function devTarget(args, electronBinary) {
  const headless = args.includes('--headless') || !electronBinary;
  const pigeonArgs = args.filter((arg) => arg !== '--headless' && arg !== '--');
  if (!headless)
    return {
      mode: 'electron',
      entries: ELECTRON_ENTRIES,
      command: electronBinary,
      args: [root, ...pigeonArgs],
    };
  return {
    mode: 'headless',
    entries: [HEADLESS_ENTRY],
    command: process.execPath,
    args: [path.join(root, HEADLESS_ENTRY.out), ...pigeonArgs],
  };
}

export async function startDev(args, { env = process.env, stdio = 'inherit' } = {}) {
  const target = devTarget(args, findElectronBinary(env));
  if (target.mode === 'headless') {
    if (!args.includes('--headless'))
      log('No Electron binary here: running headless mode instead.');
    // The same address after every restart; the token in it changes, so open the new one.
    if (!args.includes('--ui-port')) target.args.push('--ui-port', String(await freePort()));
  }
  const renderer = await startRendererServer();
  log(`renderer: ${renderer.url} (hot reload)`);
  let sqliteBinding;
  if (target.mode === 'electron') {
    // Electron loads its own build of the SQLite module, as under npm start.
    const sqlite = ensureElectronSqlite(electronVersion());
    if (sqlite.ok) sqliteBinding = sqlite.binding;
    else log(`no SQLite module for Electron (${sqlite.reason}): the history will not open`);
  }
  const childEnv = electronRunEnvironment(
    { ...env, PIGEON_RENDERER_URL: renderer.url },
    sqliteBinding,
  );
  const pigeon = createRestarter({
    command: target.command,
    args: target.args,
    env: childEnv,
    cwd: root,
    stdio,
    log,
  });
  // Every good build (re)starts Pigeon: the first one starts it, later ones restart it.
  const watcher = await watchBuild(target.entries, ({ initial }) => {
    if (!initial) log(`rebuilt ${target.entries.map((e) => e.out).join(', ')}: restarting`);
    void pigeon.restart();
  });
  if (!watcher.ok) log('The first build failed; fix it and save: Pigeon starts then.');

  let closing;
  return {
    mode: target.mode,
    rendererUrl: renderer.url,
    pigeon,
    close: () =>
      (closing ??= (async () => {
        await watcher.dispose();
        await pigeon.stop();
        await renderer.close();
      })()),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dev = await startDev(process.argv.slice(2));
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      void dev.close().then(() => process.exit(0));
    });
  }
}
