import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { openChat } from './support/open-chat';
import { artifactPath, launchBrowserOn } from '../lab/browser';
import { startHeadlessOn } from '../lab/headless-on-host';
import { createLan, type Lan } from '../lab/lan';

// Issue 12 in real browsers: 小张 (zh-CN) and Bob (en), each on a host of their own, open
// "Encryption" in their chats and read the fingerprints aloud to each other: each one's own
// is the other's "<name>'s fingerprint", and the safety number is the same on both sides.
// Bob marks 小张 verified, and his chat header says so.
const HOSTS = [
  { name: 'desk1', address: '10.95.0.21', hostname: 'desk-zhang' },
  { name: 'desk2', address: '10.95.0.22', hostname: 'desk-bob' },
];

let lan: Lan;
const browsers: Browser[] = [];
let zhangChat: Page;
let bobChat: Page;
let bobMain: Page;

/** The digits under a heading of the open Encryption dialog. */
const digits = (dialog: Locator, label: string) =>
  dialog.getByLabel(label, { exact: true }).textContent();

beforeAll(async () => {
  lan = await createLan({ hosts: HOSTS });
  const zhang = await startHeadlessOn(lan, 'desk1', ['--nick', '小张', '--answer-delay-ms', '200']);
  const bob = await startHeadlessOn(lan, 'desk2', [
    '--nick',
    'Bob',
    '--lang',
    'en',
    '--answer-delay-ms',
    '200',
  ]);
  for (const host of ['desk1', 'desk2']) browsers.push(await launchBrowserOn(lan, host));
  const zhangMain = await browsers[0]!.newPage({ viewport: { width: 360, height: 640 } });
  bobMain = await browsers[1]!.newPage({ viewport: { width: 360, height: 640 } });
  await zhangMain.goto(zhang.url);
  await bobMain.goto(bob.url);
  zhangChat = await openChat(zhangMain, '联系人', 'Bob');
  bobChat = await openChat(bobMain, 'Contacts', '小张');
});

afterAll(async () => {
  for (const browser of browsers) await browser.close().catch(() => undefined);
  await lan?.dispose();
});

describe('comparing fingerprints through the Encryption dialogs', () => {
  it('shows the same digits on both sides, and marking verified shows in the header', async () => {
    // The key arrives with the peer's entry; the header's lock says so (its description)
    // before the dialog opens.
    const described = async (lock: Locator) => {
      const id = await lock.getAttribute('aria-describedby');
      return lock.page().locator(`[id="${id}"]`).textContent();
    };
    const zhangLock = zhangChat.getByRole('button', { name: '加密', exact: true });
    const bobLock = bobChat.getByRole('button', { name: 'Encryption', exact: true });
    await expect
      .poll(() => described(zhangLock), { timeout: 10_000 })
      .toContain('消息和文件已加密');
    await expect
      .poll(() => described(bobLock), { timeout: 10_000 })
      .toContain('messages and files encrypted');
    await zhangChat.getByRole('button', { name: '加密', exact: true }).click();
    await bobChat.getByRole('button', { name: 'Encryption', exact: true }).click();
    const atZhang = zhangChat.getByRole('dialog');
    const atBob = bobChat.getByRole('dialog');

    const zhangOwn = await digits(atZhang, '你的指纹');
    const bobOwn = await digits(atBob, 'Your fingerprint');
    expect(zhangOwn).toMatch(/^\d{5}( \d{5})+$/);
    expect(bobOwn).toMatch(/^\d{5}( \d{5})+$/);
    expect(zhangOwn).not.toBe(bobOwn);
    expect(await digits(atZhang, 'Bob 的指纹')).toBe(bobOwn);
    expect(await digits(atBob, "小张's fingerprint")).toBe(zhangOwn);
    const safetyAtZhang = await digits(atZhang, '安全码（两台电脑上的数字相同）');
    const safetyAtBob = await digits(atBob, 'Safety number (the same digits on both computers)');
    expect(safetyAtZhang).toMatch(/^\d{5}( \d{5})+$/);
    expect(safetyAtZhang).toBe(safetyAtBob);

    for (const scheme of ['light', 'dark'] as const) {
      await zhangChat.emulateMedia({ colorScheme: scheme });
      await bobChat.emulateMedia({ colorScheme: scheme });
      await zhangChat.screenshot({
        path: await artifactPath(`e2e-fingerprints-zh-CN-${scheme}.png`),
      });
      await bobChat.screenshot({ path: await artifactPath(`e2e-fingerprints-en-${scheme}.png`) });
    }
    await bobChat.emulateMedia({ colorScheme: 'light' });

    await atBob.getByRole('button', { name: 'Mark as verified', exact: true }).click();
    await atBob.getByRole('button', { name: 'Verified', exact: true }).waitFor();
    await atBob.getByRole('button', { name: 'Close', exact: true }).click();
    await bobChat.locator('.chat-header').getByText('Verified', { exact: true }).waitFor({
      timeout: 5000,
    });
    expect(await described(bobLock)).toBe('Verified');
    await bobChat.screenshot({ path: await artifactPath('e2e-fingerprints-verified-en.png') });
    // Bob's contact list says it too.
    await bobMain
      .getByRole('listitem', { name: /^小张 Verified Online/ })
      .waitFor({ timeout: 5000 });
    await bobMain.screenshot({ path: await artifactPath('e2e-verified-contact-en.png') });
  });
});
