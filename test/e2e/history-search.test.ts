import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openChat } from './support/open-chat';
import { artifactPath, launchBrowserOn } from '../lab/browser';
import { startHeadlessOn, type HeadlessOnHost } from '../lab/headless-on-host';
import { createLan, type Lan } from '../lab/lan';

// Issue 3 through the real UI: history survives a restart of headless Pigeon, a
// message written to someone offline waits as "Queued" and goes out when they return,
// and a search from the main window lands on the message in its conversation.
const HOSTS = [
  { name: 'desk1', address: '10.95.0.21', hostname: 'desk-li' },
  { name: 'desk2', address: '10.95.0.22', hostname: 'desk-kate' },
];

let lan: Lan;
let browser: Browser;
let li: HeadlessOnHost;
let kate: HeadlessOnHost;
const LI_ARGS = ['--nick', '小李', '--group', '研发部', '--answer-delay-ms', '200', '--lang', 'en'];
const KATE_ARGS = ['--nick', 'Kate', '--group', 'QA', '--answer-delay-ms', '200'];

beforeAll(async () => {
  lan = await createLan({ hosts: HOSTS });
  li = await startHeadlessOn(lan, 'desk1', LI_ARGS);
  kate = await startHeadlessOn(lan, 'desk2', KATE_ARGS);
  browser = await launchBrowserOn(lan, 'desk1');
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await lan?.dispose();
});

const contact = (main: Page, nickname: string) =>
  main.getByRole('list', { name: 'Contacts' }).getByRole('listitem').filter({ hasText: nickname });

async function openMain(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
  await page.goto(url);
  // The main window opens on the recent chats; these tests look at the contacts.
  await page.getByRole('tab', { name: 'Contacts' }).click();
  return page;
}

describe('history, outbox and search in the UI', () => {
  it('keeps a conversation across a restart of headless Pigeon', async () => {
    let main = await openMain(li.url);
    await expect.poll(() => contact(main, 'Kate').count(), { timeout: 10_000 }).toBe(1);
    const chat = await openChat(main, 'Contacts', 'Kate', 640);
    const composer = chat.getByRole('textbox', { name: 'Message' });
    for (const text of [
      'Release notes are in the shared folder',
      '发布说明在共享文件夹里',
      'Ping me after lunch',
    ]) {
      await composer.fill(text);
      await composer.press('Enter');
    }
    const log = chat.getByRole('log', { name: 'Conversation' });
    await expect.poll(() => log.getByText('Delivered').count(), { timeout: 8000 }).toBe(3);
    await chat.close();
    await main.close();

    // Restart Li's Pigeon on the same data folder.
    await lan.stop(li.child);
    li = await startHeadlessOn(lan, 'desk1', LI_ARGS, { dataDir: li.dataDir });
    main = await openMain(li.url);
    await expect.poll(() => contact(main, 'Kate').count(), { timeout: 10_000 }).toBe(1);
    const again = await openChat(main, 'Contacts', 'Kate', 640);
    const history = again.getByRole('log', { name: 'Conversation' });
    await expect
      .poll(() => history.getByText('发布说明在共享文件夹里').count(), { timeout: 5000 })
      .toBe(1);
    await expect.poll(() => history.getByText('Delivered').count()).toBe(3);
    await again.screenshot({ path: await artifactPath('e2e-history-after-restart-en.png') });
    await again.close();
    await main.close();
  });

  it('queues a message to someone offline and delivers it when they return', async () => {
    const main = await openMain(li.url);
    await expect.poll(() => contact(main, 'Kate').count(), { timeout: 10_000 }).toBe(1);
    await lan.stop(kate.child); // Kate quits: Li sees her offline
    await expect
      .poll(() => contact(main, 'Kate').getByText('Offline').count(), { timeout: 5000 })
      .toBe(1);
    const chat = await openChat(main, 'Contacts', 'Kate', 640);
    const composer = chat.getByRole('textbox', { name: 'Message' });
    await composer.fill('Call me when you are back');
    await composer.press('Enter');
    const log = chat.getByRole('log', { name: 'Conversation' });
    await expect.poll(() => log.getByText('Queued').count(), { timeout: 5000 }).toBe(1);
    await chat.screenshot({ path: await artifactPath('e2e-queued-en.png') });

    kate = await startHeadlessOn(lan, 'desk2', KATE_ARGS, { dataDir: kate.dataDir });
    await expect.poll(() => log.getByText('Queued').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => log.getByText('Delivered').count(), { timeout: 5000 }).toBe(4);
    await chat.close();
    await main.close();
  });

  it('finds a message by a two-character Chinese query and opens the conversation at it', async () => {
    const main = await openMain(li.url);
    let search = main.getByRole('searchbox', { name: 'Search' });
    if ((await search.count()) === 0) {
      await main.getByRole('button', { name: 'Search history' }).click();
      search = main.getByRole('searchbox', { name: 'Search' });
    }
    await search.fill('共享');
    const results = main.getByRole('list', { name: 'Search results' });
    await expect
      .poll(() => results.getByRole('listitem').count(), { timeout: 5000 })
      .toBeGreaterThanOrEqual(1);
    await main.screenshot({ path: await artifactPath('e2e-search-en.png') });
    const hit = results.getByRole('listitem').filter({ hasText: '发布说明' });
    const [chat] = await Promise.all([main.context().waitForEvent('page'), hit.click()]);
    await chat.setViewportSize({ width: 560, height: 640 });
    const log = chat.getByRole('log', { name: 'Conversation' });
    await expect
      .poll(() => log.getByText('发布说明在共享文件夹里').count(), { timeout: 5000 })
      .toBe(1);
    expect(chat.url()).toContain('message=');
    await chat.screenshot({ path: await artifactPath('e2e-search-hit-en.png') });
  });
});
