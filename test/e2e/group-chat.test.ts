import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifactPath, launchBrowserOn } from '../lab/browser';
import { startHeadlessOn, type HeadlessOnHost } from '../lab/headless-on-host';
import { createLan, type Lan } from '../lab/lan';
import { startUdpProbe, type UdpProbe } from '../lab/udp-probe';

// A group conversation seen through the UI in Chromium: two iptux users of the group
// 研发部 (raw datagrams as iptux writes them, from 0.8.5 on: an older one never shows a
// group packet, so Pigeon would write to it one-to-one) write to it; headless Pigeon shows it
// under Groups, opens it in its own window naming each author, lists its members, and
// Pigeon's answer leaves as iptux's group packet. Screenshots in both languages and themes.
const HOSTS = [
  { name: 'desk', address: '10.97.0.21', hostname: 'desk-ming' },
  { name: 'desk2', address: '10.97.0.22', hostname: 'desk-ann' },
  { name: 'tux1', address: '10.97.0.31' },
  { name: 'tux2', address: '10.97.0.32' },
];
const DESK = '10.97.0.21';
const DESK2 = '10.97.0.22';

let lan: Lan;
const browsers: Browser[] = [];
let pigeon: HeadlessOnHost;
let english: HeadlessOnHost;
let tux1: UdpProbe;
let tux2: UdpProbe;
let main: Page;
let mainEn: Page;

/** Every datagram from an iptux user goes to both Pigeons. */
async function toBoth(tux: UdpProbe, bytes: Buffer): Promise<void> {
  for (const desk of [DESK, DESK2]) await tux.send(desk, 2425, bytes);
}

const iptux = (user: string, packetNo: number, command: number, extra: string): Buffer =>
  Buffer.from(`1_iptux 0.9.4:${packetNo}:${user}:vm:${command}:${extra}`, 'utf8');

beforeAll(async () => {
  lan = await createLan({ hosts: HOSTS });
  pigeon = await startHeadlessOn(lan, 'desk', ['--nick', '小明', '--group', '研发部']);
  english = await startHeadlessOn(lan, 'desk2', [
    '--nick',
    'Ann',
    '--group',
    '研发部',
    '--lang',
    'en',
  ]);
  tux1 = await startUdpProbe(lan, 'tux1', { port: 2425 });
  tux2 = await startUdpProbe(lan, 'tux2', { port: 2425 });
  await toBoth(tux1, iptux('wang', 1, 0x101, '小王\0研发部\0icon-tux.png\0utf-8\0'));
  await toBoth(tux2, iptux('li', 1, 0x101, '李四\0研发部\0icon-tux.png\0utf-8\0'));
  for (const host of ['desk', 'desk2']) browsers.push(await launchBrowserOn(lan, host));
  main = await browsers[0]!.newPage({ viewport: { width: 360, height: 640 } });
  mainEn = await browsers[1]!.newPage({ viewport: { width: 360, height: 640 } });
  await main.goto(pigeon.url);
  await mainEn.goto(english.url);
});

afterAll(async () => {
  for (const browser of browsers) await browser.close().catch(() => undefined);
  await lan?.dispose();
});

describe('a group chat in the browser', () => {
  it('lists the group, opens it naming each author, shows its members, and answers it', async () => {
    await toBoth(tux1, iptux('wang', 2, 0x3fb, '今天下午三点开会'));
    await toBoth(tux2, iptux('li', 2, 0x3fb, '收到，会议室见'));
    await toBoth(tux1, iptux('wang', 3, 0x4fb, '全体注意：服务器今晚维护'));

    await main.getByRole('tab', { name: '联系人', exact: true }).click();
    const groups = main.getByRole('region', { name: '群聊' });
    await expect.poll(() => groups.getByRole('listitem').count(), { timeout: 10_000 }).toBe(2);
    await main.screenshot({ path: await artifactPath('e2e-groups-section-zh-CN.png') });

    const [chat] = await Promise.all([
      main.context().waitForEvent('page'),
      groups.getByRole('button', { name: /研发部/ }).click(),
    ]);
    await chat.setViewportSize({ width: 560, height: 640 });
    const log = chat.getByRole('log', { name: '会话' });
    await expect.poll(() => log.getByText('收到，会议室见').count(), { timeout: 10_000 }).toBe(1);
    expect(await log.getByText('小王', { exact: true }).count()).toBe(1);
    expect(await log.getByText('李四', { exact: true }).count()).toBe(1);

    const composer = chat.getByRole('textbox', { name: '消息' });
    await composer.fill('好的，我准时到');
    await chat.getByRole('button', { name: '发送', exact: true }).click();
    // Each member gets iptux's group packet (0xFB with GROUP): no acknowledgement exists.
    for (const tux of [tux1, tux2]) {
      const packet = await tux.waitFor(
        (d) => (Number(d.text.split(':')[4]) & 0xfff) === 0x3fb && d.from === DESK,
        5000,
      );
      // Our entry named us in Chinese, so iptux reads our text as GB18030 (as it does 1:1).
      expect(iconv.decode(packet.data, 'gb18030')).toContain(':好的，我准时到\0');
    }
    await expect.poll(() => log.getByText('已送达').count(), { timeout: 5000 }).toBe(1);
    await chat.screenshot({ path: await artifactPath('e2e-group-chat-zh-CN.png') });
    await chat.emulateMedia({ colorScheme: 'dark' });
    await chat.screenshot({ path: await artifactPath('e2e-group-chat-zh-CN-dark.png') });

    await chat.getByRole('button', { name: '成员' }).click();
    const members = chat.getByRole('region', { name: '研发部 的成员' });
    await expect.poll(() => members.getByRole('listitem').count()).toBe(2);
    await chat.screenshot({ path: await artifactPath('e2e-group-members-zh-CN-dark.png') });
    await chat.emulateMedia({ colorScheme: 'light' });
    await chat.screenshot({ path: await artifactPath('e2e-group-members-zh-CN.png') });
  });

  it('speaks English when asked, light and dark', async () => {
    await mainEn.getByRole('tab', { name: 'Contacts', exact: true }).click();
    const groups = mainEn.getByRole('region', { name: 'Groups' });
    await expect.poll(() => groups.getByRole('listitem').count(), { timeout: 5000 }).toBe(2);
    await mainEn.screenshot({ path: await artifactPath('e2e-groups-section-en.png') });
    const [chat] = await Promise.all([
      mainEn.context().waitForEvent('page'),
      groups.getByRole('button', { name: /研发部/ }).click(),
    ]);
    await chat.setViewportSize({ width: 560, height: 640 });
    const log = chat.getByRole('log', { name: 'Conversation' });
    await expect.poll(() => log.getByText('今天下午三点开会').count(), { timeout: 10_000 }).toBe(1);
    expect(await log.getByText('小王', { exact: true }).count()).toBe(1);
    await chat.screenshot({ path: await artifactPath('e2e-group-chat-en.png') });
    await chat.getByRole('button', { name: 'Members' }).click();
    await expect
      .poll(() => chat.getByRole('region', { name: 'Members of 研发部' }).count())
      .toBe(1);
    await chat.emulateMedia({ colorScheme: 'dark' });
    await chat.screenshot({ path: await artifactPath('e2e-group-members-en-dark.png') });
  });
});
