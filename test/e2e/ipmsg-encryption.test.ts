import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openChat } from './support/open-chat';
import { artifactPath, launchBrowserOn } from '../lab/browser';
import { startHeadlessOn, type HeadlessOnHost } from '../lab/headless-on-host';
import { startIpmsg4Peer, type Ipmsg4Peer } from '../lab/ipmsg4-peer';
import { createLan, type Lan } from '../lab/lan';
import { until } from '../lab/until';

// The chat header of an IP-Messenger-encrypted chat in a real browser, in English and
// Chinese, light and dark: a scripted IP Messenger 4.x peer writes encrypted, Pigeon
// answers encrypted, and the header says so.

let lan: Lan;
let browser: Browser;
let ann: HeadlessOnHost;
let peer: Ipmsg4Peer;
let events: Record<string, unknown>[];

beforeAll(async () => {
  lan = await createLan({
    hosts: [
      { name: 'desk1', address: '10.96.0.21', hostname: 'desk-ann' },
      { name: 'ipm', address: '10.96.0.40' },
    ],
  });
  ann = await startHeadlessOn(lan, 'desk1', ['--nick', 'Ann', '--lang', 'en']);
  peer = await startIpmsg4Peer(lan, 'ipm', ['10.96.0.21:2425']);
  events = peer.events;
  browser = await launchBrowserOn(lan, 'desk1');
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await peer?.stop();
  await lan?.dispose();
});

describe('an IP-Messenger-encrypted chat in the browser', () => {
  it('says "IP Messenger encryption" in its header once the keys are exchanged', async () => {
    peer.send('10.96.0.21:2425', 'hi Ann');
    await until(async () => events.find((e) => e.event === 'sent'), 10_000, 'sent');
    const main = await browser.newPage({ viewport: { width: 360, height: 640 } });
    await main.goto(ann.url);
    const chat = await openChat(main, 'Contacts', 'IPMsg Four', 480);
    await chat.getByText('hi Ann').waitFor({ timeout: 10_000 });
    await chat.getByRole('textbox', { name: 'Message' }).fill('hello, encrypted');
    await chat.keyboard.press('Enter');
    await until(async () => events.find((e) => e.event === 'message'), 10_000, 'reply');
    expect(events.find((e) => e.event === 'message')).toMatchObject({ encrypted: true });
    const header = chat.locator('.chat-header');
    await header.getByText('IP Messenger encryption').waitFor({ timeout: 10_000 });
    await chat.screenshot({ path: await artifactPath('e2e-ipmsg-encrypted-en-light.png') });
    await chat.emulateMedia({ colorScheme: 'dark' });
    await chat.screenshot({ path: await artifactPath('e2e-ipmsg-encrypted-en-dark.png') });
  });
});
