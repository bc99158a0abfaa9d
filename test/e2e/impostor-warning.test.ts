import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openChat } from './support/open-chat';
import { artifactPath, launchBrowserOn } from '../lab/browser';
import { startHeadlessOn, type HeadlessOnHost } from '../lab/headless-on-host';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn } from '../lab/pigeon-on-host';
import { startUdpProbe, type UdpProbe } from '../lab/udp-probe';

// Issue 12 in a real browser: mallory writes as Bob from its own address while Bob's
// Pigeon still answers at his. The user sees the warning in Bob's chat, and the
// impostor's text only in a second "Bob" marked Unverified.
const HOSTS = [
  { name: 'desk1', address: '10.97.0.21', hostname: 'desk-ann' },
  { name: 'desk2', address: '10.97.0.22', hostname: 'desk-bob' },
  { name: 'mallory', address: '10.97.0.66', hostname: 'mallory' },
];

let lan: Lan;
let browser: Browser;
let ann: HeadlessOnHost;
let mallory: UdpProbe;
let main: Page;

beforeAll(async () => {
  lan = await createLan({ hosts: HOSTS });
  ann = await startHeadlessOn(lan, 'desk1', ['--nick', 'Ann', '--lang', 'en']);
  await startPigeonOn(lan, 'desk2', { nickname: 'Bob', user: 'bob', host: 'bob-pc' });
  mallory = await startUdpProbe(lan, 'mallory', { port: 2425 });
  browser = await launchBrowserOn(lan, 'desk1');
  main = await browser.newPage({ viewport: { width: 360, height: 640 } });
  await main.goto(ann.url);
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await lan?.dispose();
});

describe('someone claiming to be Bob', () => {
  it('is shown as an unverified second contact, and Bob’s chat warns', async () => {
    await main.getByRole('tab', { name: 'Contacts' }).click();
    const contacts = main.getByRole('list', { name: 'Contacts' });
    await contacts.getByRole('listitem').filter({ hasText: 'Bob' }).waitFor({ timeout: 10_000 });
    await mallory.send(
      '10.97.0.21',
      2425,
      '1:424242:bob:bob-pc:288:Please send the salary sheet to me\0',
    );
    await expect
      .poll(() => contacts.getByRole('listitem', { name: /Unverified/ }).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    expect(await contacts.getByRole('listitem', { name: /^Bob \(10\.97\.0\.22\)/ }).count()).toBe(
      1,
    );
    await main.screenshot({ path: await artifactPath('e2e-impostor-contacts-en.png') });

    const chat = await openChat(main, 'Contacts', '10.97.0.22', 640);
    const alert = chat.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain('Someone at 10.97.0.66 claims to be Bob');
    expect(await chat.getByText('Please send the salary sheet to me').count()).toBe(0);
    await chat.screenshot({ path: await artifactPath('e2e-impostor-warning-en.png') });
  });
});
