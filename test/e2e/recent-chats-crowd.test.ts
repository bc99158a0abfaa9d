// 300 simulated IPMsg colleagues on the LAN; two of them write. Both must be at the
// top of Chats with their unread counts, however far down the contact list they are.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchBrowserOn } from '../lab/browser';
import { startHeadlessOn, type HeadlessOnHost } from '../lab/headless-on-host';
import { startCrowd, type Crowd } from '../lab/ipmsg-crowd';
import { createLan, type Lan } from '../lab/lan';

const CROWD = 300;
/** Where the screenshots are copied for people to look at (PIGEON_SHOTS_DIR). */
const SHOTS_DIR = process.env.PIGEON_SHOTS_DIR;

let lan: Lan;
let pigeon: HeadlessOnHost;
let crowd: Crowd;
let browser: Browser;
let main: Page;

async function shoot(name: string): Promise<void> {
  const file = await artifactPath(name);
  await main.screenshot({ path: file });
  if (SHOTS_DIR) {
    await mkdir(SHOTS_DIR, { recursive: true });
    await copyFile(file, path.join(SHOTS_DIR, name));
  }
}

/** What a screen reader reads after an element's name (its aria-describedby). */
async function descriptionOf(locator: Locator): Promise<string> {
  const ids = (await locator.getAttribute('aria-describedby'))?.split(' ') ?? [];
  const parts: string[] = [];
  for (const id of ids) parts.push((await main.locator(`[id="${id}"]`).textContent()) ?? '');
  return parts.join(' ');
}

beforeAll(async () => {
  lan = await createLan({
    hosts: [
      { name: 'desk', address: '10.97.0.10', hostname: 'desk-li' },
      { name: 'floor', address: '10.97.0.20' },
    ],
  });
  pigeon = await startHeadlessOn(lan, 'desk', [
    '--nick',
    'Li',
    '--group',
    'Dept 03',
    '--lang',
    'en',
    '--answer-delay-ms',
    '50',
  ]);
  crowd = await startCrowd(lan, 'floor', { count: CROWD, target: '10.97.0.10' });
  browser = await launchBrowserOn(lan, 'desk');
  main = await browser.newPage({ viewport: { width: 380, height: 640 } });
  await main.goto(pigeon.url);
}, 60_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await crowd?.stop();
  await lan?.dispose();
});

describe('recent chats with 300 colleagues on the LAN', () => {
  it('lists all 300 in the contact list, the user’s own group first', async () => {
    await main.getByRole('tab', { name: 'Contacts' }).click();
    await crowd.announce();
    // Every row is in the list's height even though only those in view are drawn.
    const list = main.getByRole('list', { name: 'Contacts' });
    await expect
      .poll(() => list.getAttribute('style'), { timeout: 20_000 })
      .toBe(`height: ${12 * 30 + CROWD * 44}px;`);
    const firstGroup = list.getByRole('button').first();
    expect(await firstGroup.getAttribute('aria-label')).toBe('Dept 03 25 of 25 online');
    expect(await list.getByRole('listitem').count()).toBeLessThan(60);
    await shoot('lists-contacts-en-light.png');
  });

  it('puts the two who wrote at the top of Chats with their unread counts', async () => {
    await crowd.say(217, 'Could you review my patch?');
    await crowd.say(288, 'Lunch at 12?');
    await crowd.say(288, 'I booked a table');
    await main.getByRole('tab', { name: 'Chats' }).click();
    const chats = main.getByRole('list', { name: 'Chats' }).getByRole('listitem');
    await expect.poll(() => chats.count(), { timeout: 10_000 }).toBe(2);
    expect(await chats.nth(0).getAttribute('aria-label')).toBe(crowd.nickname(288));
    expect(await chats.nth(1).getAttribute('aria-label')).toBe(crowd.nickname(217));
    expect(await descriptionOf(chats.nth(0))).toContain('2 unread messages');
    expect(await descriptionOf(chats.nth(1))).toContain('1 unread message,');
    expect(await chats.nth(0).textContent()).toContain('I booked a table');
    expect(await descriptionOf(main.getByRole('tab', { name: 'Chats' }))).toBe('3 unread messages');
    expect(await main.title()).toBe('(3) Pigeon');
    await shoot('lists-chats-en-light.png');
    await main.emulateMedia({ colorScheme: 'dark' });
    await shoot('lists-chats-en-dark.png');
    await main.emulateMedia({ colorScheme: 'light' });
  });

  it('pins from the right-click menu, in Chinese too, and fits a 380×360 window', async () => {
    const chats = main.getByRole('list', { name: 'Chats' }).getByRole('listitem');
    await chats.nth(1).click({ button: 'right' });
    await main.getByRole('menuitem', { name: 'Pin to top' }).click();
    await expect.poll(() => chats.nth(0).getAttribute('aria-label')).toBe(crowd.nickname(217));

    await main.goto(`${pigeon.url}&lang=zh-CN`);
    const chinese = main.getByRole('list', { name: '会话' }).getByRole('listitem');
    await expect.poll(() => chinese.count(), { timeout: 10_000 }).toBe(2);
    expect(await chinese.nth(0).getAttribute('aria-label')).toBe(crowd.nickname(217));
    await shoot('lists-chats-zh-CN-light.png');
    await main.emulateMedia({ colorScheme: 'dark' });
    await shoot('lists-chats-zh-CN-dark.png');
    await main.getByRole('tab', { name: '联系人' }).click();
    await main.getByRole('list', { name: '联系人' }).getByRole('listitem').first().waitFor();
    await shoot('lists-contacts-zh-CN-dark.png');
    await main.emulateMedia({ colorScheme: 'light' });
    await main.setViewportSize({ width: 380, height: 360 });
    await shoot('lists-contacts-zh-CN-380x360.png');

    // A remark (备注) from the contact's menu replaces the nickname in the list.
    const contacts = main.getByRole('list', { name: '联系人' }).getByRole('listitem');
    await contacts.first().click({ button: 'right' });
    await main.getByRole('menu', { name: '联系人操作' }).waitFor();
    await shoot('lists-contact-menu-zh-CN-380x360.png');
    await main.getByRole('menuitem', { name: '备注' }).click();
    const dialog = main.getByRole('dialog');
    await dialog.getByRole('textbox', { name: '备注名' }).fill('王工（前台）');
    await shoot('lists-remark-zh-CN-380x360.png');
    await dialog.getByRole('button', { name: '保存' }).click();
    await main.getByRole('listitem', { name: /^王工（前台） / }).waitFor();

    await main.getByRole('tab', { name: '会话' }).click();
    await shoot('lists-chats-zh-CN-380x360.png');
    const menuRow = main.getByRole('list', { name: '会话' }).getByRole('listitem').first();
    await menuRow.focus();
    await main.keyboard.press('Shift+F10');
    await main.getByRole('menu', { name: '会话操作' }).waitFor();
    await shoot('lists-chat-menu-zh-CN-380x360.png');
    await main.keyboard.press('Escape');
    await main.setViewportSize({ width: 380, height: 640 });
  });
});
