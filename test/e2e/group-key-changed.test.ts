import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openChat } from './support/open-chat';
import { startDesks, waitForContacts, type Desks } from './support/desks';
import { shootLightAndDark } from './support/screenshots';
import { GROUP_WORDS, openGroupChat, openNewGroup } from './support/pigeon-group';
import { artifactPath } from '../lab/browser';
import { IDENTITY_FILE } from '../../src-main/core/keys/identity-file';

// A group copy held for a member whose key changed, through three real UIs: Ann (en),
// 小明 (zh-CN) and Bob (en) are a Pigeon group; Bob quits and comes back with a new
// identity (his identity key file gone, as after a reinstall). A message from Ann and one
// from 小明 reach each other but wait for Bob: each sender's delivery list says so, by
// name, in their language; once each accepts Bob's new key in his chat, the copy goes,
// Bob has it and the sender reads "Delivered to 2 of 2". Screenshots of the list in both
// languages and themes, and in a narrow window.
const ANN = 0;
const MING = 1;
const BOB = 2;
const NICKS = ['Ann', '小明', 'Bob'];
const LANGS = ['en', 'zh-CN', 'en'] as const;
const WORDS = {
  en: {
    ...GROUP_WORDS.en,
    keyChanged: "Bob's key changed",
    accept: 'Accept the new key',
    line: (nickname: string, state: string) => `${nickname}: ${state}`,
    delivered: 'delivered',
    waiting: 'waiting: their key changed, accept the new key in their chat',
  },
  'zh-CN': {
    ...GROUP_WORDS['zh-CN'],
    keyChanged: 'Bob 的密钥已更改',
    accept: '接受新密钥',
    line: (nickname: string, state: string) => `${nickname}：${state}`,
    delivered: '已送达',
    waiting: '等待中：对方密钥已更改，请在与其的单聊中接受新密钥',
  },
};
const GROUP = '周末爬山';
// What each sender writes to the group (the bubble shows the author apart, so no name here).
const TEXTS = ['the bus leaves at 7', '我带水和地图'];

let desks: Desks;
const groupChats: Page[] = [];
const bobChats: Page[] = [];
const words = (i: number) => WORDS[LANGS[i]!];
const log = (i: number) => groupChats[i]!.getByRole('log', { name: words(i).log });

beforeAll(async () => {
  desks = await startDesks(
    NICKS.map((nick, i) => ({
      host: { name: `desk${i + 1}`, address: `10.93.0.${21 + i}`, hostname: `desk-${i + 1}` },
      args: ['--nick', nick, '--group', '研发部', '--lang', LANGS[i]!, '--answer-delay-ms', '200'],
      contacts: words(i).contacts,
    })),
  );
});

afterAll(async () => {
  await desks?.stop();
});

/** The line of `nickname` in the delivery list open under sender `i`'s message. */
const deliveryLine = (i: number, nickname: string) =>
  log(i)
    .getByRole('list')
    .getByRole('listitem')
    .filter({ hasText: words(i).line(nickname, '') });

describe("a group copy waiting for a member's changed key", () => {
  it('Ann makes the group with 小明 and Bob, and all three have it', async () => {
    const main = desks.desks.map((desk) => desk.main);
    for (const i of [ANN, MING, BOB])
      await waitForContacts(
        main[i]!,
        words(i).contacts,
        NICKS.filter((_, j) => j !== i),
      );
    const dialog = await openNewGroup(main[ANN]!, 'New group');
    await dialog.getByRole('textbox', { name: 'Group name' }).fill(GROUP);
    for (const nick of ['小明', 'Bob'])
      await dialog.getByRole('checkbox', { name: nick, exact: true }).check();
    const [annGroup] = await Promise.all([
      main[ANN]!.context().waitForEvent('page'),
      dialog.getByRole('button', { name: 'Create', exact: true }).click(),
    ]);
    await annGroup.setViewportSize({ width: 560, height: 640 });
    groupChats[ANN] = annGroup;
    groupChats[MING] = await openGroupChat(main[MING]!, words(MING).groups, GROUP);
    // Bob has it before he goes: the copies wait for him as a member.
    await main[BOB]!.getByRole('region', { name: words(BOB).groups, exact: true })
      .getByRole('button', { name: new RegExp(GROUP) })
      .waitFor({ timeout: 10_000 });
    // Each sender has Bob's chat open, where a changed key is told and accepted.
    for (const i of [ANN, MING]) bobChats[i] = await openChat(main[i]!, words(i).contacts, 'Bob');
  });

  it('Bob comes back with a new identity, and both senders are told in his chat', async () => {
    await desks.restart(BOB, (dataDir) => rm(path.join(dataDir, IDENTITY_FILE)));
    for (const i of [ANN, MING])
      await bobChats[i]!.getByRole('alert')
        .filter({ hasText: words(i).keyChanged })
        .waitFor({ timeout: 15_000 });
  });

  it("each sender's delivery list says Bob's copy waits for his new key", async () => {
    for (const i of [ANN, MING]) {
      const chat = groupChats[i]!;
      await chat.getByRole('textbox', { name: words(i).message }).fill(TEXTS[i]!);
      await chat.getByRole('button', { name: words(i).send, exact: true }).click();
      const summary = log(i).getByRole('button', { name: words(i).deliveredTo(1, 2), exact: true });
      await summary.waitFor({ timeout: 10_000 });
      await summary.click();
      await expect.poll(() => summary.getAttribute('aria-expanded')).toBe('true');
      const other = NICKS[i === ANN ? MING : ANN]!;
      await expect
        .poll(() => deliveryLine(i, 'Bob').textContent(), { timeout: 5000 })
        .toBe(words(i).line('Bob', words(i).waiting));
      expect(await deliveryLine(i, other).textContent()).toBe(
        words(i).line(other, words(i).delivered),
      );
      expect(await log(i).getByText(words(i).waiting).count()).toBe(1);

      const name = `e2e-group-key-changed-${LANGS[i]}`;
      await shootLightAndDark(chat, name);
      // The narrowest a chat window gets (window-options.ts).
      await chat.setViewportSize({ width: 380, height: 640 });
      await shootLightAndDark(chat, `${name}-narrow`);
      await chat.setViewportSize({ width: 560, height: 640 });
    }
  });

  it('accepting the new key in Bob’s chat sends the copy: delivered to 2 of 2', async () => {
    const bob = desks.desks[BOB]!;
    const bobGroup = await openGroupChat(bob.main, words(BOB).groups, GROUP);
    const bobLog = bobGroup.getByRole('log', { name: words(BOB).log });
    // His log is there (the group's first line) without either message yet.
    await bobLog.getByText(`Ann created the group ${GROUP}`).waitFor({ timeout: 5000 });
    for (const text of TEXTS) expect(await bobLog.getByText(text).count()).toBe(0);
    for (const i of [ANN, MING]) {
      await bobChats[i]!.getByRole('alert')
        .filter({ hasText: words(i).keyChanged })
        .getByRole('button', { name: words(i).accept, exact: true })
        .click();
      await expect.poll(() => bobLog.getByText(TEXTS[i]!).count(), { timeout: 10_000 }).toBe(1);
      await log(i)
        .getByRole('button', { name: words(i).deliveredTo(2, 2), exact: true })
        .waitFor({ timeout: 10_000 });
      // The list left open says so too, not the wait that is over.
      await expect
        .poll(() => deliveryLine(i, 'Bob').textContent(), { timeout: 5000 })
        .toBe(words(i).line('Bob', words(i).delivered));
      await groupChats[i]!.screenshot({
        path: await artifactPath(`e2e-group-key-accepted-${LANGS[i]}.png`),
      });
    }
    await bobGroup.screenshot({ path: await artifactPath('e2e-group-key-changed-bob-en.png') });
  });
});
