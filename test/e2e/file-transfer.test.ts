import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { openChat } from './support/open-chat';
import { artifactPath, launchBrowserOn } from '../lab/browser';
import { startHeadlessOn } from '../lab/headless-on-host';
import { createLan, type Lan } from '../lab/lan';
import { makePng } from '../lab/png';
import { clearRate, limitRate } from '../lab/tcp-sockets';
import { sha256File, writeRandomFile } from '../lab/transfer-data';

// Issues 4–5 through the real UI: two headless Pigeons on two hosts, each driven in its
// own Chromium. Wang (Chinese UI) sends a file with "发送文件", Alice (English UI)
// accepts it and both watch it move; then a pasted picture shows inline on both sides;
// then a sealed message stays closed until Alice opens it, and Wang sees it read.
const HOSTS = [
  { name: 'desk1', address: '10.94.0.21', hostname: 'desk-wang' },
  { name: 'desk2', address: '10.94.0.22', hostname: 'desk-alice' },
];
const FILE_NAME = '项目资料 第三季度（终稿）.zip';
const FILE_BYTES = 5.5 * 1024 * 1024; // shown as "5.5 MB" in both languages
const PICTURE_NAME = '截图 2026-11-22.png';
const PICTURE = makePng(160, 96, (x, y) => [x * 1.6, y * 2.6, (x ^ y) & 0x80 ? 230 : 40]);
const SECRET = '今晚八点发布，先别外传 🤫';

let lan: Lan;
const browsers: Browser[] = [];
let aliceDownloads: string;
let aliceData: string;
let wangChat: Page;
let aliceChat: Page;
let wangLog: Locator;
let aliceLog: Locator;
/** Everything Alice's main window heard from her Pigeon over its WebSocket. */
const aliceFrames: string[] = [];

beforeAll(async () => {
  lan = await createLan({ hosts: HOSTS });
  const wangDownloads = await mkdtemp(path.join(tmpdir(), 'pigeon-wang-downloads-'));
  aliceDownloads = await mkdtemp(path.join(tmpdir(), 'pigeon-alice-downloads-'));
  const timing = ['--answer-delay-ms', '200'];
  const wang = await startHeadlessOn(lan, 'desk1', [
    ...['--nick', '小王', '--group', '研发部', '--download-dir', wangDownloads, ...timing],
  ]);
  const alice = await startHeadlessOn(lan, 'desk2', [
    ...['--nick', 'Alice', '--group', 'QA', '--lang', 'en'],
    ...['--download-dir', aliceDownloads, ...timing],
  ]);
  aliceData = alice.dataDir;
  for (const host of ['desk1', 'desk2']) browsers.push(await launchBrowserOn(lan, host));
  const wangMain = await browsers[0]!.newPage({ viewport: { width: 360, height: 640 } });
  const aliceMain = await browsers[1]!.newPage({ viewport: { width: 360, height: 640 } });
  aliceMain.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => aliceFrames.push(String(payload))),
  );
  await wangMain.goto(wang.url);
  await aliceMain.goto(alice.url);
  wangChat = await openChat(wangMain, '联系人', 'Alice');
  aliceChat = await openChat(aliceMain, 'Contacts', '小王');
  wangLog = wangChat.getByRole('log', { name: '会话' });
  aliceLog = aliceChat.getByRole('log', { name: 'Conversation' });
});

afterAll(async () => {
  for (const browser of browsers) await browser.close().catch(() => undefined);
  await lan?.dispose();
});

/** A screenshot of the page as it is, and again in dark mode ('system' theme follows it). */
async function shoot(page: Page, name: string, dark = false): Promise<void> {
  if (dark) await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: await artifactPath(`${name}.png`) });
  if (dark) await page.emulateMedia({ colorScheme: 'light' });
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('files, pictures and sealed messages between two headless Pigeons', () => {
  it('sends a picked file: offer with name and size, Accept, progress on both sides, same bytes', async () => {
    const source = path.join(await mkdtemp(path.join(tmpdir(), 'pigeon-pick-')), FILE_NAME);
    await writeRandomFile(source, FILE_BYTES);
    // About 2 MB/s out of Wang's host: the transfer lasts long enough to be watched.
    await limitRate(lan, 'desk1', '16mbit');
    try {
      const [chooser] = await Promise.all([
        wangChat.waitForEvent('filechooser'),
        wangChat.getByRole('button', { name: '发送文件', exact: true }).click(),
      ]);
      expect(chooser.isMultiple()).toBe(true);
      await chooser.setFiles(source);

      const sent = wangLog.getByRole('region', { name: '发给 Alice 的文件' });
      await sent.getByText(FILE_NAME).waitFor({ timeout: 15_000 });
      await sent.getByText('等待 Alice 接收').waitFor();

      const offer = aliceLog.getByRole('region', { name: 'Files from 小王' });
      await offer.getByText(FILE_NAME, { exact: true }).waitFor({ timeout: 10_000 });
      expect(await offer.getByText('5.5 MB', { exact: true }).count()).toBe(1);
      expect(await offer.getByText('Wants to send you this').count()).toBe(1);
      for (const action of ['Accept', 'Save to…', 'Decline'])
        expect(await offer.getByRole('button', { name: action }).count()).toBe(1);
      await shoot(aliceChat, 'e2e-transfer-offer-en');
      await shoot(aliceChat, 'e2e-transfer-offer-en-dark', true);

      await offer.getByRole('button', { name: 'Accept' }).click();
      const aliceBar = offer.getByRole('progressbar', { name: 'Transfer progress' });
      const wangBar = sent.getByRole('progressbar', { name: '传输进度' });
      await aliceBar.waitFor({ timeout: 10_000 });
      await wangBar.waitFor({ timeout: 10_000 });
      expect(Number(await aliceBar.getAttribute('aria-valuemax'))).toBe(FILE_BYTES);
      expect(await aliceBar.getAttribute('aria-valuetext')).toMatch(/ of 5\.5 MB/);
      await shoot(aliceChat, 'e2e-transfer-progress-en');
      await shoot(wangChat, 'e2e-transfer-progress-zh-CN-dark', true);

      await offer.getByText('Received', { exact: true }).waitFor({ timeout: 30_000 });
      await sent.getByText('已发送', { exact: true }).waitFor({ timeout: 10_000 });
      expect(await aliceBar.count()).toBe(0);
      expect(await wangBar.count()).toBe(0);
    } finally {
      await clearRate(lan, 'desk1');
    }

    const received = path.join(aliceDownloads, FILE_NAME);
    expect((await stat(received)).size).toBe(FILE_BYTES);
    expect(await sha256File(received)).toBe(await sha256File(source));
    expect(await readdir(aliceDownloads)).toEqual([FILE_NAME]);

    // Headless has no file manager: "Show in folder" says where the file is instead.
    const offer = aliceLog.getByRole('region', { name: 'Files from 小王' });
    await offer.getByRole('button', { name: 'Show in folder' }).click();
    await offer.getByRole('status').filter({ hasText: aliceDownloads }).waitFor();
    await shoot(aliceChat, 'e2e-transfer-done-en');
    await shoot(aliceChat, 'e2e-transfer-done-en-dark', true);
    await shoot(wangChat, 'e2e-transfer-done-zh-CN');
    await shoot(wangChat, 'e2e-transfer-done-zh-CN-dark', true);
  });

  it('shows a pasted picture inline on both sides, its bytes kept whole', async () => {
    // Pictures are fetched unasked only from a contact one has written to (issue 13).
    const aliceComposer = aliceChat.getByRole('textbox', { name: 'Message' });
    await aliceComposer.fill('Send me the screenshot?');
    await aliceComposer.press('Enter');
    await wangLog.getByText('Send me the screenshot?').waitFor({ timeout: 10_000 });
    const composer = wangChat.getByRole('textbox', { name: '消息' });
    await composer.evaluate(
      (field, { base64, name }) => {
        // Browser globals, typed just enough: the test project has no DOM library.
        const page = globalThis as unknown as {
          DataTransfer: new () => { items: { add(file: unknown): void } };
          File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
          ClipboardEvent: new (type: string, init: object) => unknown;
        };
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const clipboard = new page.DataTransfer();
        clipboard.items.add(new page.File([bytes], name, { type: 'image/png' }));
        const paste = new page.ClipboardEvent('paste', {
          clipboardData: clipboard,
          bubbles: true,
          cancelable: true,
        });
        (field as unknown as { dispatchEvent(event: unknown): boolean }).dispatchEvent(paste);
      },
      { base64: PICTURE.toString('base64'), name: PICTURE_NAME },
    );
    // Nothing of the picture lands in the text box.
    expect(await composer.inputValue()).toBe('');

    for (const log of [wangLog, aliceLog]) {
      const picture = log.getByRole('img', { name: PICTURE_NAME });
      await picture.waitFor({ timeout: 15_000 });
      await expect
        .poll(() => picture.evaluate((img) => (img as { naturalWidth: number }).naturalWidth), {
          timeout: 5000,
        })
        .toBe(160);
      expect(
        await picture.evaluate((img) => (img as { naturalHeight: number }).naturalHeight),
      ).toBe(96);
    }
    // The picture replaces the file line, and Alice got it without accepting anything.
    expect(await aliceLog.getByText(PICTURE_NAME, { exact: true }).count()).toBe(0);
    expect(await aliceLog.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    // Kept with the history (the data folder), not among the downloads.
    const kept = await readdir(path.join(aliceData, 'images'));
    expect(kept).toHaveLength(1);
    const keptFile = path.join(aliceData, 'images', kept[0]!);
    expect(await sha256File(keptFile)).toBe(sha256(PICTURE));
    await shoot(aliceChat, 'e2e-picture-en');
    await shoot(wangChat, 'e2e-picture-zh-CN-dark', true);

    // A click shows it full size in a dialog; Escape closes it.
    await aliceLog.getByRole('button', { name: PICTURE_NAME }).click();
    const viewer = aliceChat.getByRole('dialog', { name: `Picture: ${PICTURE_NAME}` });
    await viewer.waitFor();
    await shoot(aliceChat, 'e2e-picture-viewer-en');
    await aliceChat.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
  });

  it('keeps a sealed message closed until it is opened, then tells the sender it was read', async () => {
    const seal = wangChat.getByRole('button', { name: '密封' });
    await seal.click();
    expect(await seal.getAttribute('aria-pressed')).toBe('true');
    const composer = wangChat.getByRole('textbox', { name: '消息' });
    await composer.fill(SECRET);
    await composer.press('Enter');
    await wangLog.getByText(SECRET).waitFor({ timeout: 5000 });
    // The switch is for one message only.
    await expect.poll(() => seal.getAttribute('aria-pressed')).toBe('false');

    const open = aliceLog.getByRole('button', { name: 'Open sealed message' });
    await open.waitFor({ timeout: 10_000 });
    expect(await aliceLog.getByText('Sealed message', { exact: true }).count()).toBe(1);
    expect(await aliceChat.getByText(SECRET).count()).toBe(0);
    // Not merely hidden: the text never reached Alice's browser.
    expect(aliceFrames.some((frame) => frame.includes('sealed'))).toBe(true);
    expect(aliceFrames.filter((frame) => frame.includes('今晚八点'))).toEqual([]);
    await shoot(aliceChat, 'e2e-sealed-closed-en');
    await shoot(aliceChat, 'e2e-sealed-closed-en-dark', true);
    await shoot(wangChat, 'e2e-sealed-sent-zh-CN');
    expect(await wangLog.getByText('已读', { exact: true }).count()).toBe(0);

    await open.click();
    await aliceLog.getByText(SECRET).waitFor({ timeout: 5000 });
    expect(await open.count()).toBe(0);
    await wangLog.getByText('已读', { exact: true }).waitFor({ timeout: 10_000 });
    // Opened, the text reaches her other window too (so the recording above was live).
    await expect
      .poll(() => aliceFrames.some((frame) => frame.includes('今晚八点')), { timeout: 5000 })
      .toBe(true);
    await shoot(aliceChat, 'e2e-sealed-opened-en');
    await shoot(wangChat, 'e2e-sealed-read-zh-CN');
    await shoot(wangChat, 'e2e-sealed-read-zh-CN-dark', true);
  });
});
