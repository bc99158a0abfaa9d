#!/usr/bin/env node
// Smoke test of the packaged desktop app (after `npm run dist`), as the release workflow
// runs it on Linux, Windows and macOS:
//
//   node scripts/smoke-packaged.mjs [path to the packaged executable]
//
// Two packaged Pigeons on one machine, bound to the loopback aliases 127.0.0.2 and
// 127.0.0.3 (--bind), each with its own data folder and the other in its host list: the
// contact list window appears, each lists the other, a message goes both ways.
//
// Playwright's _electron.launch cannot drive the packaged app: it needs the Node
// inspector, which the EnableNodeCliInspectArguments fuse turns off. Chromium's DevTools
// port still works, so the app is started as a user would and its windows are reached
// with chromium.connectOverCDP. Without an executable given or found in dist/, it says
// so and exits 0 (SKIPPED); an executable given but missing fails.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './lib/root.mjs';
import { chromium } from 'playwright-core';

const TIMEOUT_MS = 30_000;

function defaultExecutable() {
  const dist = path.join(root, 'dist');
  if (process.platform === 'win32') return path.join(dist, 'win-unpacked', 'Pigeon.exe');
  if (process.platform === 'darwin') {
    const folder = existsSync(dist)
      ? readdirSync(dist).find(
          (name) => name.startsWith('mac') && existsSync(path.join(dist, name, 'Pigeon.app')),
        )
      : undefined;
    return path.join(dist, folder ?? 'mac', 'Pigeon.app', 'Contents', 'MacOS', 'Pigeon');
  }
  return path.join(dist, 'linux-unpacked', 'pigeon');
}

/** Starts one packaged Pigeon and connects to its windows through the DevTools port. */
async function launch(executable, name, address, peer, temporary) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `pigeon-smoke-${name}-`));
  temporary.push(dataDir);
  writeFileSync(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({ nickname: name, language: 'en', hosts: [peer], downloadDir: dataDir }),
  );
  const args = [`--user-data-dir=${dataDir}`, `--bind=${address}`, '--remote-debugging-port=0'];
  // GitHub's Ubuntu runners forbid the unprivileged namespaces Chromium's sandbox needs.
  if (process.platform === 'linux') args.push('--no-sandbox');
  const child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const endpoint = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name}: no DevTools port:\n${output}`)),
      TIMEOUT_MS,
    );
    const read = (chunk) => {
      output += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) =>
      reject(new Error(`${name} exited (${code}) before it was ready:\n${output}`)),
    );
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0];
  const deadline = Date.now() + TIMEOUT_MS;
  let main;
  while (!main && Date.now() < deadline) {
    main = context.pages().find((page) => !page.url().includes('#/chat/'));
    if (!main) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!main) throw new Error(`${name}: the contact list window did not appear`);
  return { name, child, browser, context, main };
}

async function openChat(app, nickname) {
  // The main window opens on the recent chats.
  await app.main.getByRole('tab', { name: 'Contacts' }).click({ timeout: TIMEOUT_MS });
  const item = app.main
    .getByRole('list', { name: 'Contacts' })
    .getByRole('listitem')
    .filter({ hasText: nickname });
  await item.waitFor({ timeout: TIMEOUT_MS });
  const [chat] = await Promise.all([
    app.context.waitForEvent('page', { timeout: TIMEOUT_MS }),
    item.dblclick(),
  ]);
  await chat.waitForLoadState('domcontentloaded');
  return chat;
}

async function send(chat, text) {
  const composer = chat.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

async function expectText(chat, text) {
  await chat
    .getByRole('log', { name: 'Conversation' })
    .getByText(text)
    .waitFor({ timeout: TIMEOUT_MS });
}

async function main() {
  const given = process.argv[2];
  const executable = given ? path.resolve(given) : defaultExecutable();
  if (!existsSync(executable)) {
    if (given) throw new Error(`no packaged Pigeon at ${executable}`);
    console.log(
      `SKIPPED: no packaged Pigeon at ${executable} (run \`npm run dist\` on a machine with the Electron binary first)`,
    );
    return;
  }
  const temporary = [];
  const apps = [];
  try {
    apps.push(await launch(executable, 'Smoke A', '127.0.0.2', '127.0.0.3', temporary));
    apps.push(await launch(executable, 'Smoke B', '127.0.0.3', '127.0.0.2', temporary));
    const [a, b] = apps;
    console.log('both contact list windows are open');
    const chatA = await openChat(a, 'Smoke B');
    console.log('A lists B');
    await send(chatA, 'Hello from A');
    const chatB = await openChat(b, 'Smoke A');
    await expectText(chatB, 'Hello from A');
    console.log('A → B delivered');
    await send(chatB, 'Hello back from B');
    await expectText(chatA, 'Hello back from B');
    console.log('B → A delivered');
    console.log('PASSED: the packaged app starts, finds a peer and chats both ways');
  } finally {
    for (const app of apps) {
      await app.browser.close().catch(() => undefined);
      app.child.kill();
    }
    // Give the processes a moment to release their data folders (Windows holds them).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

main().catch((error) => {
  console.error(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
