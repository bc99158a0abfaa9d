import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifactPath, launchBrowserOn } from '../lab/browser';
import { startHeadlessOn, type HeadlessOnHost } from '../lab/headless-on-host';
import { createLan, type Lan } from '../lab/lan';

// Two UIs on two hosts: Alice sets a signature in Settings → Profile and "Busy" in the
// status menu; Bob's contact list shows both, in words as well as colour.
const HOSTS = [
  { name: 'desk1', address: '10.96.0.21', hostname: 'desk-alice' },
  { name: 'desk2', address: '10.96.0.22', hostname: 'desk-bob' },
];
const SIGNATURE = 'Ask me about builds 问我构建的事';

let lan: Lan;
const browsers: Browser[] = [];
let alice: HeadlessOnHost;
let bob: HeadlessOnHost;
let aliceMain: Page;
let bobMain: Page;

beforeAll(async () => {
  lan = await createLan({ hosts: HOSTS });
  const common = ['--lang', 'en', '--answer-delay-ms', '200'];
  alice = await startHeadlessOn(lan, 'desk1', ['--nick', 'Alice', '--group', 'QA', ...common]);
  bob = await startHeadlessOn(lan, 'desk2', ['--nick', 'Bob', '--group', 'QA', ...common]);
  for (const host of ['desk1', 'desk2']) browsers.push(await launchBrowserOn(lan, host));
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

describe('signature and status between two UIs', () => {
  it("Alice's signature and Busy show in Bob's contact list", async () => {
    const contacts = bobMain.getByRole('list', { name: 'Contacts' });
    await contacts.getByRole('listitem', { name: /^Alice Online/ }).waitFor({ timeout: 10_000 });

    await aliceMain.getByRole('button', { name: 'Settings' }).click();
    await aliceMain.getByRole('textbox', { name: 'Signature' }).fill(SIGNATURE);
    await aliceMain.getByRole('button', { name: 'Save' }).click();
    await aliceMain.getByRole('combobox', { name: 'Status' }).selectOption('busy');

    const aliceRow = contacts.getByRole('listitem', { name: /^Alice Busy/ });
    await aliceRow.waitFor({ timeout: 10_000 });
    await expect
      .poll(async () => aliceRow.getByText(SIGNATURE).count(), { timeout: 10_000 })
      .toBe(1);
    expect(await aliceRow.getByText('Busy', { exact: true }).count()).toBe(1);
    expect(await aliceRow.getAttribute('title')).toContain(SIGNATURE);
    await bobMain.screenshot({ path: await artifactPath('e2e-profile-status-contacts-en.png') });
  });
});
