import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openChat } from './support/open-chat';
import { artifactPath } from '../lab/browser';
import { shootLightAndDark } from './support/screenshots';
import { startWangAndAmy, type WangAndAmy } from './support/wang-and-amy';

// A broadcast notice started from the main window (群发 → "Everyone online"), not only
// from an existing "Everyone (broadcast)" chat: two headless Pigeons on two namespace
// hosts, each in its own Chromium. The notice reaches the other Pigeon's "Everyone
// (broadcast)" naming its author. Also a shake between them (the receiving window's
// highlight). Screenshots of each, light and dark, Chinese and English.

let wangMain: Page;
let amyMain: Page;

let desks: WangAndAmy;

beforeAll(async () => {
  desks = await startWangAndAmy('10.86.0');
  ({ wangMain, amyMain } = desks);
});

afterAll(async () => {
  await desks?.stop();
});

describe('a broadcast notice from the main window, in Chromium', () => {
  it('sends to everyone online from 群发, and the other Pigeon keeps it with its author', async () => {
    // Wait until each sees the other: a notice goes to whoever is online.
    await openChat(amyMain, 'Contacts', '小王', 640).then((chat) => chat.close());
    await wangMain.getByRole('tab', { name: '联系人', exact: true }).click();
    await wangMain
      .getByRole('list', { name: '联系人' })
      .getByRole('listitem')
      .filter({ hasText: 'Amy' })
      .waitFor({ timeout: 10_000 });

    await wangMain.getByRole('button', { name: '群发' }).click();
    const dialog = wangMain.getByRole('dialog', { name: '群发' });
    await shootLightAndDark(wangMain, 'e2e-several-dialog-zh-CN');
    await dialog.getByRole('checkbox', { name: '所有在线的人（广播通知）' }).check();
    await dialog.getByRole('textbox', { name: '消息' }).fill('全体注意：今晚八点停电');
    await shootLightAndDark(wangMain, 'e2e-broadcast-dialog-zh-CN');
    await dialog.getByRole('button', { name: '发送' }).click();
    const result = wangMain.getByRole('dialog', { name: '发给所有在线的人的通知' });
    await expect
      .poll(() => result.getByRole('status').textContent(), { timeout: 5000 })
      .toBe('已发给所有在线的人，保存在“所有人（广播）”中。');
    await shootLightAndDark(wangMain, 'e2e-broadcast-result-zh-CN');
    await result.getByRole('button', { name: '关闭' }).click();

    // At Amy's: under Groups, "Everyone (broadcast)", naming 小王.
    await amyMain.getByRole('tab', { name: 'Contacts', exact: true }).click();
    const groups = amyMain.getByRole('region', { name: 'Groups' });
    const everyone = groups.getByRole('button', { name: /Everyone \(broadcast\)/ });
    await everyone.waitFor({ timeout: 10_000 });
    const [chat] = await Promise.all([amyMain.context().waitForEvent('page'), everyone.click()]);
    await chat.setViewportSize({ width: 560, height: 640 });
    const log = chat.getByRole('log', { name: 'Conversation' });
    await expect
      .poll(() => log.getByText('全体注意：今晚八点停电').count(), { timeout: 10_000 })
      .toBe(1);
    expect(await log.getByText('小王', { exact: true }).count()).toBe(1);
    await chat.close();

    // The English dialog, to be looked at: the contacts, then "Everyone online".
    await amyMain.getByRole('button', { name: 'Send to several' }).click();
    const english = amyMain.getByRole('dialog', { name: 'Send to several' });
    await english.getByRole('checkbox', { name: '小王' }).check();
    await english.getByRole('textbox', { name: 'Message' }).fill('Lunch at noon');
    await shootLightAndDark(amyMain, 'e2e-several-dialog-en');
    await english.getByRole('button', { name: 'Send', exact: true }).click();
    await amyMain.getByRole('list', { name: 'Delivery to each contact' }).waitFor();
    await expect
      .poll(() => amyMain.getByText('Delivered', { exact: true }).count(), { timeout: 10_000 })
      .toBe(1);
    await shootLightAndDark(amyMain, 'e2e-several-results-en');
    await amyMain.getByRole('button', { name: 'Close' }).click();
    await amyMain.getByRole('button', { name: 'Send to several' }).click();
    await english.getByRole('checkbox', { name: 'Everyone online (a broadcast notice)' }).check();
    await shootLightAndDark(amyMain, 'e2e-broadcast-dialog-en');
    await amyMain.keyboard.press('Escape');
  });

  it('highlights the shaken chat window (reduced motion), in Chinese light and English dark', async () => {
    const amyChat = await openChat(amyMain, 'Contacts', '小王', 480);
    const wangChat = await openChat(wangMain, '联系人', 'Amy', 480);
    await wangChat.emulateMedia({ reducedMotion: 'reduce' });
    await amyChat.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'dark' });
    await amyChat.getByRole('button', { name: 'Shake' }).click();
    await wangChat.locator('.chat-shaken').waitFor({ timeout: 5000 });
    await wangChat.screenshot({ path: await artifactPath('e2e-shaken-zh-CN.png') });
    await expect
      .poll(() => wangChat.getByText('Amy 发送了一个窗口抖动').count(), { timeout: 5000 })
      .toBeGreaterThan(0);
    await wangChat.getByRole('button', { name: '抖动' }).click();
    await amyChat.locator('.chat-shaken').waitFor({ timeout: 5000 });
    await amyChat.screenshot({ path: await artifactPath('e2e-shaken-en-dark.png') });
    await expect
      .poll(() => amyChat.getByText('小王 shook the window').count(), { timeout: 5000 })
      .toBeGreaterThan(0);
  });
});
