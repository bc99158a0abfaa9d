// Plain contacts added through the UI in Chromium, each chatting with a real program
// on another namespace host: a UDP echo, a TCP server Pigeon connects to, and a TCP
// client that connects to Pigeon. A second Pigeon in Chinese adds one the same way.
// The dialog and the TCP chat's connection bar are saved light and dark, en and zh-CN.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChat } from './support/open-chat';
import { shootLightAndDark } from './support/screenshots';
import { linesOfText } from './support/text-lines';
import { launchBrowserOn } from '../lab/browser';
import { startHeadlessOn, type HeadlessOnHost } from '../lab/headless-on-host';
import { createLan, type Lan } from '../lab/lan';
import { fixture, runTutorialProgram, type TutorialProgram } from '../lab/tutorial-program';

const DESK = { name: 'desk', address: '10.95.0.10', hostname: 'desk-pc' };
const DESK_ZH = { name: 'deskzh', address: '10.95.0.11', hostname: 'desk-zh' };
const DEVICE = { name: 'device', address: '10.95.0.20', hostname: 'device-pc' };

let lan: Lan;
const browsers: Browser[] = [];
const programs: TutorialProgram[] = [];
let pigeon: HeadlessOnHost;
let main: Page;

beforeAll(async () => {
  lan = await createLan({ hosts: [DESK, DESK_ZH, DEVICE] });
  pigeon = await startHeadlessOn(lan, DESK.name, ['--nick', 'Ming', '--lang', 'en']);
  browsers.push(await launchBrowserOn(lan, DESK.name));
  main = await browsers[0]!.newPage({ viewport: { width: 360, height: 760 } });
  await main.goto(pigeon.url);
  await main.getByRole('tab', { name: 'Contacts' }).click();
});

afterAll(async () => {
  for (const browser of browsers) await browser.close().catch(() => undefined);
  for (const program of programs) await program.stop().catch(() => undefined);
  await lan?.dispose();
});

async function program(host: string, args: string[], first: string): Promise<TutorialProgram> {
  const started = await runTutorialProgram(lan, host, args, first);
  programs.push(started);
  return started;
}

interface DialogWords {
  add: string;
  fields: Record<'protocol' | 'connection' | 'host' | 'port' | 'localPort' | 'name', string>;
  encoding: string;
  submit: string;
}

const EN: DialogWords = {
  add: 'Add plain contact',
  fields: {
    protocol: 'Protocol',
    connection: 'Connection',
    host: 'Host',
    port: 'Port',
    localPort: 'Local port',
    name: 'Name',
  },
  encoding: 'Encoding',
  submit: 'Add',
};

/** Fill the dialog as a user does; `screenshot` saves it light and dark before Add. */
async function addThroughDialog(
  page: Page,
  words: DialogWords,
  choices: {
    protocol: string;
    connection?: string;
    encoding?: string;
    fields: Partial<DialogWords['fields']>;
  },
  screenshot?: string,
): Promise<void> {
  await page.getByRole('button', { name: words.add }).click();
  const dialog = page.getByRole('dialog', { name: words.add });
  await dialog.getByRole('combobox', { name: words.fields.protocol }).selectOption({
    label: choices.protocol,
  });
  if (choices.connection) {
    await dialog
      .getByRole('combobox', { name: words.fields.connection })
      .selectOption({ label: choices.connection });
  }
  if (choices.encoding) {
    await dialog
      .getByRole('combobox', { name: words.encoding })
      .selectOption({ label: choices.encoding });
  }
  for (const [field, value] of Object.entries(choices.fields)) {
    const name = words.fields[field as keyof DialogWords['fields']];
    await dialog.getByRole('textbox', { name, exact: true }).fill(value);
  }
  if (screenshot) await shootLightAndDark(page, screenshot);
  await dialog.getByRole('button', { name: words.submit, exact: true }).click();
  await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(0);
}

async function say(chat: Page, composerName: string, text: string): Promise<void> {
  const composer = chat.getByRole('textbox', { name: composerName });
  await composer.fill(text);
  await composer.press('Enter');
}

describe('plain contacts through the dialog in Chromium', () => {
  it('a UDP contact chats with a recvfrom/sendto echo', async () => {
    await program(
      DEVICE.name,
      [fixture('udp-echo.py'), '--bind', '0.0.0.0', '--port', '7788', '--prefix', '回声：'],
      '{"event": "ready"',
    );
    await addThroughDialog(main, EN, {
      protocol: 'UDP',
      fields: { host: DEVICE.address, port: '7788', name: 'Echo UDP' },
    });
    const chat = await openChat(main, 'Contacts', 'Echo UDP');
    await say(chat, 'Message', 'ping over UDP 你好');
    const log = chat.getByRole('log', { name: 'Conversation' });
    await expect
      .poll(() => log.getByText('回声：ping over UDP 你好').count(), { timeout: 5000 })
      .toBe(1);
    await chat.close();
  });

  it('a TCP contact connects to a tutorial server, shows whom, and chats', async () => {
    const server = await program(
      DEVICE.name,
      [fixture('seed-tcp-server.py'), '9999', 'utf-8'],
      'listening',
    );
    await addThroughDialog(
      main,
      EN,
      {
        protocol: 'TCP',
        connection: 'Connect to the program',
        fields: { host: DEVICE.address, port: '9999', name: 'Teaching server' },
      },
      'e2e-plain-dialog-tcp-en',
    );
    const chat = await openChat(main, 'Contacts', 'Teaching server');
    const bar = chat.getByRole('region', { name: 'Plain contact' });
    await expect
      .poll(() => bar.getByRole('status').textContent(), { timeout: 5000 })
      .toContain(`Connected to ${DEVICE.address}:9999`);
    await say(chat, 'Message', 'hello server 你好');
    const log = chat.getByRole('log', { name: 'Conversation' });
    await expect
      .poll(() => log.getByText('回声：hello server 你好').count(), { timeout: 5000 })
      .toBe(1);
    expect(server.lines).toContain('receive data: hello server 你好');
    server.type('typed at the server');
    await expect
      .poll(() => log.getByText('typed at the server').count(), { timeout: 5000 })
      .toBe(1);
    await shootLightAndDark(chat, 'e2e-plain-tcp-chat-en');

    // The server goes: the bar says so and offers Reconnect; what is typed waits.
    await server.stop();
    await expect
      .poll(() => bar.getByRole('status').textContent(), { timeout: 10_000 })
      .toMatch(/Closed by the program|Connection refused/);
    await say(chat, 'Message', 'are you back?');
    await expect
      .poll(() => bar.getByRole('status').textContent(), { timeout: 5000 })
      .toContain('1 waiting to be sent');
    await shootLightAndDark(chat, 'e2e-plain-tcp-refused-en');
    expect(await linesOfText(bar.getByRole('status'), '1 waiting to be sent')).toBe(1);
    // A narrow chat window: the parts of the state wrap between them, never inside one.
    const size = chat.viewportSize();
    await chat.setViewportSize({ width: 380, height: size?.height ?? 720 });
    expect(await linesOfText(bar.getByRole('status'), '1 waiting to be sent')).toBe(1);
    await shootLightAndDark(chat, 'e2e-plain-tcp-refused-en-narrow');
    if (size) await chat.setViewportSize(size);
    const again = await program(
      DEVICE.name,
      [fixture('seed-tcp-server.py'), '9999', 'utf-8'],
      'listening',
    );
    await bar.getByRole('button', { name: 'Reconnect' }).click();
    await expect
      .poll(() => again.lines.includes('receive data: are you back?'), { timeout: 10_000 })
      .toBe(true);
    await chat.close();
  });

  it('a TCP contact waits for a tutorial client and chats with it', async () => {
    await addThroughDialog(
      main,
      EN,
      {
        protocol: 'TCP',
        connection: 'Wait for the program to connect',
        fields: { host: DEVICE.address, localPort: '9000', name: 'Waiting for device' },
      },
      'e2e-plain-dialog-wait-en',
    );
    const chat = await openChat(main, 'Contacts', 'Waiting for device');
    const bar = chat.getByRole('region', { name: 'Plain contact' });
    await expect
      .poll(() => bar.getByRole('status').textContent(), { timeout: 5000 })
      .toContain('Waiting for the program to connect on port 9000');
    const client = await program(
      DEVICE.name,
      [fixture('seed-tcp-client.py'), DESK.address, '9000', 'utf-8'],
      'connected',
    );
    await expect
      .poll(() => bar.getByRole('status').textContent(), { timeout: 5000 })
      .toContain(`Connected to ${DEVICE.address}:`);
    client.type('hello from the client');
    const log = chat.getByRole('log', { name: 'Conversation' });
    await expect
      .poll(() => log.getByText('hello from the client').count(), { timeout: 5000 })
      .toBe(1);
    await say(chat, 'Message', 'hello client');
    await expect
      .poll(() => client.lines.includes(`receive data: 'hello client'`), { timeout: 5000 })
      .toBe(true);
    await chat.close();

    // With its chat closed, what the program sends is unread in Chats, like any chat's.
    client.type('数据 ready while you were away');
    await main.getByRole('tab', { name: 'Chats' }).click();
    const row = main
      .getByRole('list', { name: 'Chats' })
      .getByRole('listitem')
      .filter({ hasText: 'Waiting for device' });
    await expect
      .poll(() => row.textContent(), { timeout: 5000 })
      .toContain('数据 ready while you were away');
    const described = (await row.getAttribute('aria-describedby'))?.split(' ') ?? [];
    const description = await Promise.all(
      described.map((id) => main.locator(`[id="${id}"]`).textContent()),
    );
    expect(description.join(' ')).toContain('1 unread message');

    // Search finds it, and opens the conversation at it.
    await main.getByRole('button', { name: 'Search history' }).click();
    await main.getByRole('searchbox', { name: 'Search' }).fill('while you were');
    const results = main.getByRole('list', { name: 'Search results' });
    const hit = results.getByRole('listitem').filter({ hasText: 'Waiting for device' });
    await hit.waitFor({ timeout: 5000 });
    const [found] = await Promise.all([main.context().waitForEvent('page'), hit.click()]);
    await expect
      .poll(
        () =>
          found
            .getByRole('log', { name: 'Conversation' })
            .getByText('数据 ready while you were away')
            .count(),
        { timeout: 5000 },
      )
      .toBe(1);
    await found.close();
    await main.getByRole('button', { name: 'Close search' }).click();
    await main.getByRole('tab', { name: 'Contacts' }).click();
  });

  it('in Chinese: the same dialog adds a TCP contact by its Chinese names', async () => {
    const server = await program(
      DEVICE.name,
      [fixture('seed-tcp-server.py'), '9998', 'gbk'],
      'listening',
    );
    const zh = await startHeadlessOn(lan, DESK_ZH.name, ['--nick', '小明', '--lang', 'zh-CN']);
    browsers.push(await launchBrowserOn(lan, DESK_ZH.name));
    const page = await browsers[1]!.newPage({ viewport: { width: 360, height: 760 } });
    await page.goto(zh.url);
    await page.getByRole('tab', { name: '联系人' }).click();
    await addThroughDialog(
      page,
      {
        add: '添加纯文本联系人',
        fields: {
          protocol: '协议',
          connection: '连接方式',
          host: '主机',
          port: '端口',
          localPort: '本地端口',
          name: '名称',
        },
        encoding: '编码',
        submit: '添加',
      },
      {
        protocol: 'TCP',
        connection: '连接到程序',
        encoding: 'GBK',
        fields: { host: DEVICE.address, port: '9998', name: '教学服务器' },
      },
      'e2e-plain-dialog-tcp-zh-CN',
    );
    const chat = await openChat(page, '联系人', '教学服务器');
    const bar = chat.getByRole('region', { name: '纯文本联系人' });
    await expect
      .poll(() => bar.getByRole('status').textContent(), { timeout: 5000 })
      .toContain(`已连接到 ${DEVICE.address}:9998`);
    await say(chat, '消息', '你好，服务器');
    await expect
      .poll(() => server.lines.includes('receive data: 你好，服务器'), { timeout: 5000 })
      .toBe(true);
    const log = chat.getByRole('log', { name: '会话' });
    await expect.poll(() => log.getByText('回声：你好，服务器').count(), { timeout: 5000 }).toBe(1);
    await shootLightAndDark(chat, 'e2e-plain-tcp-chat-zh-CN');
  });
});
