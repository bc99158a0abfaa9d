// Alice chooses an avatar in her Settings in Chromium (a real canvas makes it square and
// small); Bob's Pigeon on another host fetches it and his contact list shows her picture.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchBrowserOn } from '../lab/browser';
import { startHeadlessOn } from '../lab/headless-on-host';
import { createLan, type Lan } from '../lab/lan';
import { makePng } from '../lab/png';
import { shootLightAndDark } from './support/screenshots';

const HOSTS = [
  { name: 'alice', address: '10.98.3.21', hostname: 'alice-pc' },
  { name: 'bob', address: '10.98.3.22', hostname: 'bob-pc' },
];

let lan: Lan;
const browsers: Browser[] = [];
let aliceMain: Page;
let bobMain: Page;

beforeAll(async () => {
  lan = await createLan({ hosts: HOSTS });
  const common = ['--lang', 'en', '--answer-delay-ms', '200'];
  const alice = await startHeadlessOn(lan, 'alice', ['--nick', 'Alice', ...common]);
  const bob = await startHeadlessOn(lan, 'bob', ['--nick', 'Bob', ...common]);
  for (const host of ['alice', 'bob']) browsers.push(await launchBrowserOn(lan, host));
  aliceMain = await browsers[0]!.newPage({ viewport: { width: 360, height: 640 } });
  bobMain = await browsers[1]!.newPage({ viewport: { width: 360, height: 640 } });
  await aliceMain.goto(alice.url);
  await bobMain.goto(bob.url);
  await bobMain.getByRole('tab', { name: 'Contacts' }).click();
});

afterAll(async () => {
  for (const browser of browsers) await browser.close().catch(() => undefined);
  await lan?.dispose();
});

describe('avatars between two Pigeons in Chromium', () => {
  it("Alice picks a picture; Bob's contact list shows it", async () => {
    const contacts = bobMain.getByRole('list', { name: 'Contacts' });
    await contacts.getByRole('listitem').filter({ hasText: 'Alice' }).waitFor({ timeout: 15_000 });
    expect(await contacts.getByRole('img', { name: "Alice's avatar" }).count()).toBe(0);

    // A landscape picture: the window keeps its middle square.
    const file = path.join(os.tmpdir(), `pigeon-e2e-avatar-${process.pid}.png`);
    await writeFile(
      file,
      makePng(240, 160, (x, y) => [x, y, x < 120 ? 220 : 40]),
    );
    await aliceMain.setViewportSize({ width: 360, height: 900 });
    await aliceMain.getByRole('button', { name: 'Settings' }).click();
    const field = aliceMain.getByRole('group', { name: 'Avatar' });
    await field.locator('input[type="file"]').setInputFiles(file);
    await field.getByRole('button', { name: 'Remove' }).waitFor({ timeout: 10_000 });
    await aliceMain.screenshot({ path: await artifactPath('e2e-avatar-settings-en.png') });
    await aliceMain.keyboard.press('Escape');
    // Her own picture in her window's header.
    await aliceMain
      .locator('.self-header')
      .getByRole('img', { name: "Alice's avatar" })
      .waitFor({ timeout: 10_000 });

    const picture = contacts.getByRole('img', { name: "Alice's avatar" });
    await picture.waitFor({ timeout: 15_000 });
    const size = await picture.evaluate((img) => {
      const { naturalWidth, naturalHeight } = img as {
        naturalWidth: number;
        naturalHeight: number;
      };
      return [naturalWidth, naturalHeight];
    });
    expect(size).toEqual([96, 96]);
    await shootLightAndDark(bobMain, 'e2e-avatar-contacts');
  });
});
