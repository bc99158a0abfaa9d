import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openChat } from './support/open-chat';
import { artifactPath } from '../lab/browser';
import { shootLightAndDark } from './support/screenshots';
import { startWangAndAmy, type WangAndAmy } from './support/wang-and-amy';

// Two headless Pigeons on two namespace hosts, each driven through its own Chromium: the
// chat window's tools as a user reaches for them.

let wangMain: Page;
let amyMain: Page;

const log220 = Array.from(
  { length: 220 },
  (_, i) => `09:${String(i % 60).padStart(2, '0')} [worker-${i % 7}] 第 ${i + 1} 行 step ok`,
).join('\n');

let desks: WangAndAmy;

beforeAll(async () => {
  desks = await startWangAndAmy('10.97.0');
  ({ wangMain, amyMain } = desks);
});

afterAll(async () => {
  await desks?.stop();
});

describe('the chat window tools, between two Pigeons in Chromium', () => {
  it('an emoji picked in the picker and a link arrive; the link is a link', async () => {
    const wangChat = await openChat(wangMain, '联系人', 'Amy', 640);
    const composer = wangChat.getByRole('textbox', { name: '消息' });
    await composer.fill('构建结果 https://ci.example.lan/build/7 ');
    await wangChat.getByRole('button', { name: '表情', exact: true }).click();
    const picker = wangChat.getByRole('dialog', { name: '表情' });
    await picker.getByRole('searchbox', { name: '搜索表情' }).fill('笑哭');
    await picker.getByRole('button', { name: '😂' }).click();
    await expect
      .poll(() => composer.inputValue())
      .toBe('构建结果 https://ci.example.lan/build/7 😂');
    await wangChat.screenshot({ path: await artifactPath('e2e-chattools-picker-zh-CN.png') });
    await composer.press('Enter');

    const amyChat = await openChat(amyMain, 'Contacts', '小王', 640);
    const amyLog = amyChat.getByRole('log', { name: 'Conversation' });
    const link = amyLog.getByRole('link', { name: 'https://ci.example.lan/build/7' });
    await expect.poll(() => link.count(), { timeout: 5000 }).toBe(1);
    expect(await link.getAttribute('href')).toBe('https://ci.example.lan/build/7');
    expect(await amyLog.getByText(/build\/7 😂/).count()).toBe(1);
    await amyChat.screenshot({ path: await artifactPath('e2e-chattools-link-en.png') });
  });

  it('a 220-line paste arrives as one bubble', async () => {
    const wangChat = wangMain
      .context()
      .pages()
      .find((p) => p !== wangMain)!;
    const composer = wangChat.getByRole('textbox', { name: '消息' });
    await composer.fill(log220);
    await composer.press('Enter');
    const amyChat = amyMain
      .context()
      .pages()
      .find((p) => p !== amyMain)!;
    const amyLog = amyChat.getByRole('log', { name: 'Conversation' });
    const bubble = amyLog.locator('.message-text', { hasText: '第 220 行' });
    await expect.poll(() => bubble.count(), { timeout: 8000 }).toBe(1);
    expect(await bubble.textContent()).toBe(log220);
    expect(await amyLog.locator('.message-text').count()).toBe(2);
    await shootLightAndDark(amyChat, 'e2e-chattools-en');
    await shootLightAndDark(wangChat, 'e2e-chattools-zh-CN');
    // The smallest window Electron allows: Seal and Send side by side, not on top of each other.
    await wangChat.setViewportSize({ width: 380, height: 360 });
    const seal = await wangChat.getByRole('button', { name: '密封' }).boundingBox();
    const send = await wangChat.getByRole('button', { name: '发送', exact: true }).boundingBox();
    expect(seal && send).toBeTruthy();
    expect(seal!.x + seal!.width <= send!.x || send!.x + send!.width <= seal!.x).toBe(true);
    await wangChat.screenshot({ path: await artifactPath('e2e-chattools-380x360-zh-CN.png') });
  });

  it('recall from the message menu removes the text at the receiver', async () => {
    const wangChat = wangMain
      .context()
      .pages()
      .find((p) => p !== wangMain)!;
    const amyChat = amyMain
      .context()
      .pages()
      .find((p) => p !== amyMain)!;
    await wangChat.setViewportSize({ width: 360, height: 640 });
    const composer = wangChat.getByRole('textbox', { name: '消息' });
    await composer.fill('发错了 wrong-window');
    await composer.press('Enter');
    const amyLog = amyChat.getByRole('log', { name: 'Conversation' });
    await expect
      .poll(() => amyLog.getByText('发错了 wrong-window').count(), { timeout: 5000 })
      .toBe(1);

    const wangLog = wangChat.getByRole('log', { name: '会话' });
    const mine = wangLog.locator('article', { hasText: '发错了 wrong-window' });
    // Delivered first: only a delivered message can be recalled.
    await expect.poll(() => mine.locator('.state-delivered').count(), { timeout: 5000 }).toBe(1);
    await mine.locator('.bubble').click({ button: 'right' });
    const menu = wangChat.getByRole('menu', { name: '消息操作' });
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      '复制',
      '引用',
      '转发',
      '撤回',
      '删除',
    ]);
    await shootLightAndDark(wangChat, 'e2e-message-menu-zh-CN');
    await menu.getByRole('menuitem', { name: '撤回' }).click();

    await expect
      .poll(() => amyLog.getByText('小王 recalled a message').count(), { timeout: 5000 })
      .toBe(1);
    expect(await amyLog.getByText('wrong-window').count()).toBe(0);
    expect(await wangLog.getByText('你撤回了一条消息').count()).toBe(1);
    await shootLightAndDark(amyChat, 'e2e-recalled-en');

    // The narrowest chat window, tall enough for the hint: the hint keeps a few words a
    // line, and Seal and Send go to a row of their own rather than squeeze it.
    for (const [page, name] of [
      [wangChat, 'e2e-composer-380x640-zh-CN.png'],
      [amyChat, 'e2e-composer-380x640-en.png'],
    ] as const) {
      await page.setViewportSize({ width: 380, height: 640 });
      const hint = await page.locator('.composer-hint').boundingBox();
      expect(hint?.width).toBeGreaterThan(100);
      await page.screenshot({ path: await artifactPath(name) });
    }
    await wangChat.setViewportSize({ width: 360, height: 640 });

    // Quote at the smallest window: the quote block sits above the box, Send still clear.
    await amyChat.setViewportSize({ width: 380, height: 360 });
    const first = amyLog.locator('article').first();
    await first.locator('.bubble').click({ button: 'right' });
    await amyChat.getByRole('menuitem', { name: 'Quote' }).click();
    expect(await amyChat.getByRole('group', { name: 'Quoting 小王' }).count()).toBe(1);
    await amyChat.screenshot({ path: await artifactPath('e2e-quote-380x360-en.png') });
    await amyChat.getByRole('button', { name: 'Remove quote' }).click();
    await amyChat.setViewportSize({ width: 360, height: 640 });
  });

  it('Esc closes the chat window and the draft is there when it opens again', async () => {
    const amyChat = amyMain
      .context()
      .pages()
      .find((p) => p !== amyMain)!;
    const composer = amyChat.getByRole('textbox', { name: 'Message' });
    await composer.fill('half a thought');
    // The window closes while the key is still being pressed: the press itself may report it.
    await Promise.all([
      amyChat.waitForEvent('close', { timeout: 5000 }),
      composer.press('Escape').catch(() => undefined),
    ]);
    expect(amyChat.isClosed()).toBe(true);
    const again = await openChat(amyMain, 'Contacts', '小王', 640);
    await expect
      .poll(() => again.getByRole('textbox', { name: 'Message' }).inputValue())
      .toBe('half a thought');
  });
});
