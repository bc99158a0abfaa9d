import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openChat } from './support/open-chat';
import { artifactPath, launchBrowserOn } from '../lab/browser';
import { startHeadlessOn, type HeadlessOnHost } from '../lab/headless-on-host';
import { createLan, type Lan } from '../lab/lan';

// Two hosts on one bridge, each running headless Pigeon and its own Chromium, so each
// UI is reached on its host's 127.0.0.1 exactly as a user on that machine would.
const HOSTS = [
  { name: 'desk1', address: '10.98.0.21', hostname: 'desk-zhang' },
  { name: 'desk2', address: '10.98.0.22', hostname: 'desk-bob' },
];

let lan: Lan;
const browsers: Browser[] = [];
let zhang: HeadlessOnHost;
let bob: HeadlessOnHost;
let zhangMain: Page;
let bobMain: Page;

beforeAll(async () => {
  lan = await createLan({ hosts: HOSTS });
  zhang = await startHeadlessOn(lan, 'desk1', [
    '--nick',
    '小张',
    '--group',
    '研发部',
    '--answer-delay-ms',
    '200',
  ]);
  bob = await startHeadlessOn(lan, 'desk2', [
    '--nick',
    'Bob',
    '--group',
    'QA',
    '--lang',
    'en',
    '--answer-delay-ms',
    '200',
  ]);
  for (const host of ['desk1', 'desk2']) browsers.push(await launchBrowserOn(lan, host));
  zhangMain = await browsers[0]!.newPage({ viewport: { width: 360, height: 640 } });
  bobMain = await browsers[1]!.newPage({ viewport: { width: 360, height: 640 } });
  await zhangMain.goto(zhang.url);
  await bobMain.goto(bob.url);
  // The main window opens on the recent chats; these tests look at the contacts.
  await zhangMain.getByRole('tab', { name: '联系人' }).click();
  await bobMain.getByRole('tab', { name: 'Contacts' }).click();
});

afterAll(async () => {
  for (const browser of browsers) await browser.close().catch(() => undefined);
  await lan?.dispose();
});

describe('two headless Pigeons, each driven through its own UI in Chromium', () => {
  it('each sees the other in its contact list', async () => {
    await expect
      .poll(
        () =>
          zhangMain
            .getByRole('list', { name: '联系人' })
            .getByRole('listitem')
            .filter({ hasText: 'Bob' })
            .count(),
        {
          timeout: 10_000,
        },
      )
      .toBe(1);
    await expect
      .poll(
        () =>
          bobMain
            .getByRole('list', { name: 'Contacts' })
            .getByRole('listitem')
            .filter({ hasText: '小张' })
            .count(),
        {
          timeout: 10_000,
        },
      )
      .toBe(1);
    await zhangMain.screenshot({ path: await artifactPath('e2e-contacts-zh-CN.png') });
    await bobMain.screenshot({ path: await artifactPath('e2e-contacts-en.png') });

    // The network panel: Pigeon's port is bound on the host's own interface.
    await bobMain.getByRole('button', { name: 'Network status' }).click();
    await expect
      .poll(() => bobMain.getByText('10.98.0.22').count(), { timeout: 5000 })
      .toBeGreaterThan(0);
    expect(await bobMain.getByRole('alert').count()).toBe(0);
    await bobMain.screenshot({ path: await artifactPath('e2e-network-status-en.png') });
    await bobMain.getByRole('button', { name: 'Close' }).first().click();

    // The settings dialog, in Chinese and dark, to be looked at.
    await zhangMain.setViewportSize({ width: 360, height: 900 });
    await zhangMain.getByRole('button', { name: '设置' }).click();
    await expect.poll(() => zhangMain.getByRole('textbox', { name: '昵称' }).count()).toBe(1);
    await zhangMain.emulateMedia({ colorScheme: 'dark' });
    await zhangMain.screenshot({
      path: await artifactPath('e2e-settings-zh-CN-dark.png'),
      fullPage: true,
    });
    await zhangMain.emulateMedia({ colorScheme: 'light' });
    // Settings is a dialog now: Esc closes it without saving.
    await zhangMain.keyboard.press('Escape');
    await expect.poll(() => zhangMain.getByRole('dialog', { name: '设置' }).count()).toBe(0);
    await zhangMain.setViewportSize({ width: 360, height: 640 });
  });

  it('a message typed in one window appears in the other, marked delivered on the sender', async () => {
    const zhangChat = await openChat(zhangMain, '联系人', 'Bob', 640);
    const composer = zhangChat.getByRole('textbox', { name: '消息' });
    await composer.fill('Hello Bob, the build is green');
    await composer.press('Enter');
    await composer.fill('下午三点开会，别忘了 📅');
    await zhangChat.getByRole('button', { name: '发送', exact: true }).click();

    const zhangLog = zhangChat.getByRole('log', { name: '会话' });
    await expect
      .poll(() => zhangLog.getByText('下午三点开会，别忘了 📅').count(), { timeout: 5000 })
      .toBe(1);
    await expect.poll(() => zhangLog.getByText('已送达').count(), { timeout: 5000 }).toBe(2);
    await expect.poll(() => composer.inputValue()).toBe('');

    const bobChat = await openChat(bobMain, 'Contacts', '小张', 640);
    const bobLog = bobChat.getByRole('log', { name: 'Conversation' });
    await expect
      .poll(() => bobLog.getByText('Hello Bob, the build is green').count(), { timeout: 5000 })
      .toBe(1);
    await expect
      .poll(() => bobLog.getByText('下午三点开会，别忘了 📅').count(), { timeout: 5000 })
      .toBe(1);

    // Bob answers in English; Shift+Enter makes a second line instead of sending.
    const bobComposer = bobChat.getByRole('textbox', { name: 'Message' });
    await bobComposer.fill('See you at 3');
    await bobComposer.press('Shift+Enter');
    await bobComposer.type('— Bob');
    await bobComposer.press('Enter');
    await expect.poll(() => bobLog.getByText('Delivered').count(), { timeout: 5000 }).toBe(1);
    await expect
      .poll(() => zhangLog.getByText(/See you at 3\s+— Bob/).count(), { timeout: 5000 })
      .toBe(1);

    await zhangChat.screenshot({ path: await artifactPath('e2e-chat-zh-CN.png') });
    await bobChat.screenshot({ path: await artifactPath('e2e-chat-en.png') });
    // The 'system' theme follows the desktop's dark mode.
    for (const [page, name] of [
      [zhangChat, 'e2e-chat-zh-CN-dark.png'],
      [bobChat, 'e2e-chat-en-dark.png'],
      [bobMain, 'e2e-contacts-en-dark.png'],
    ] as const) {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: await artifactPath(name) });
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('shows the other side leave when it quits', async () => {
    await lan.stop(bob.child, { signal: 'SIGTERM' });
    const bobItem = zhangMain
      .getByRole('list', { name: '联系人' })
      .getByRole('listitem')
      .filter({ hasText: 'Bob' });
    await expect.poll(() => bobItem.getByText('离线').count(), { timeout: 5000 }).toBe(1);
    await zhangMain.screenshot({ path: await artifactPath('e2e-contacts-after-leave-zh-CN.png') });
  });
});
