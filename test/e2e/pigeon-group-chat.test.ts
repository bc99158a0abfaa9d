import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDesks, waitForContacts, type Desks } from './support/desks';
import { GROUP_WORDS, openGroupChat, openNewGroup } from './support/pigeon-group';
import { artifactPath } from '../lab/browser';

// A Pigeon group made through the UI: three headless Pigeons on three hosts, each driven
// by its own Chromium. Ann creates the group by the names a user reads ("New group",
// "Group name", a checkbox per contact, "Create"); the other two see it under Groups; a
// message from each member reaches the other two, the sender reads "Delivered to 2 of 2",
// and "Members" lists all three. Screenshots in both languages and themes.
const HOSTS = [
  { name: 'desk1', address: '10.94.0.21', hostname: 'desk-ann' },
  { name: 'desk2', address: '10.94.0.22', hostname: 'desk-ming' },
  { name: 'desk3', address: '10.94.0.23', hostname: 'desk-bob' },
];
interface Member {
  nick: string;
  lang: 'en' | 'zh-CN';
  chat?: Page;
}
const MEMBERS: Member[] = [
  { nick: 'Ann', lang: 'en' },
  { nick: '小明', lang: 'zh-CN' },
  { nick: 'Bob', lang: 'en' },
];
const WORDS = {
  en: {
    ...GROUP_WORDS.en,
    members: 'Members',
    membersOf: (name: string) => `Members of ${name}`,
  },
  'zh-CN': {
    ...GROUP_WORDS['zh-CN'],
    members: '成员',
    membersOf: (name: string) => `${name} 的成员`,
  },
};
const GROUP = '周末爬山';

let desks: Desks;

beforeAll(async () => {
  desks = await startDesks(
    MEMBERS.map((member, i) => ({
      host: HOSTS[i]!,
      args: [
        ...['--nick', member.nick, '--group', '研发部', '--lang', member.lang],
        ...['--answer-delay-ms', '200'],
      ],
      contacts: WORDS[member.lang].contacts,
    })),
  );
});

afterAll(async () => {
  await desks?.stop();
});

const main = (i: number): Page => desks.desks[i]!.main;
const chat = (i: number): Page => MEMBERS[i]!.chat!;
const words = (i: number) => WORDS[MEMBERS[i]!.lang];

/** Every contact but oneself listed on `i`'s Contacts tab. */
const seesEveryone = (i: number): Promise<void> =>
  waitForContacts(
    main(i),
    words(i).contacts,
    MEMBERS.filter((_, j) => j !== i).map((other) => other.nick),
  );

describe('a Pigeon group made and used through three UIs', () => {
  it('the New group dialog reads right in both languages', async () => {
    for (const i of [0, 1, 2]) await seesEveryone(i);
    const zh = await openNewGroup(main(1), '新建群聊');
    await zh.getByRole('textbox', { name: '群名称' }).fill('项目组');
    await zh.getByRole('checkbox', { name: 'Ann', exact: true }).check();
    await main(1).screenshot({ path: await artifactPath('e2e-new-group-zh-CN.png') });
    await main(1).emulateMedia({ colorScheme: 'dark' });
    await main(1).screenshot({ path: await artifactPath('e2e-new-group-zh-CN-dark.png') });
    await main(1).emulateMedia({ colorScheme: 'light' });
    await zh.getByRole('button', { name: '取消', exact: true }).click();
    await expect.poll(() => main(1).getByRole('dialog').count()).toBe(0);
  });

  it('Ann creates the group by name and picks the two others', async () => {
    const dialog = await openNewGroup(main(0), 'New group');
    await dialog.getByRole('textbox', { name: 'Group name' }).fill(GROUP);
    for (const nick of ['小明', 'Bob'])
      await dialog.getByRole('checkbox', { name: nick, exact: true }).check();
    await main(0).emulateMedia({ colorScheme: 'dark' });
    await main(0).screenshot({ path: await artifactPath('e2e-new-group-en-dark.png') });
    await main(0).emulateMedia({ colorScheme: 'light' });
    await main(0).screenshot({ path: await artifactPath('e2e-new-group-en.png') });
    const [opened] = await Promise.all([
      main(0).context().waitForEvent('page'),
      dialog.getByRole('button', { name: 'Create', exact: true }).click(),
    ]);
    await opened.setViewportSize({ width: 560, height: 640 });
    MEMBERS[0]!.chat = opened;

    // The others see it under Groups and open it as a user does.
    for (const i of [1, 2]) MEMBERS[i]!.chat = await openGroupChat(main(i), words(i).groups, GROUP);
  });

  it('a message from each member reaches the other two, delivered to 2 of 2', async () => {
    for (const [i, author] of MEMBERS.entries()) {
      const text = `${author.nick} 的消息 ${i}`;
      await chat(i)
        .getByRole('textbox', { name: words(i).message })
        .fill(text);
      await chat(i)
        .getByRole('button', { name: words(i).send, exact: true })
        .click();
      const log = chat(i).getByRole('log', { name: words(i).log });
      await expect
        .poll(() => log.getByText(words(i).deliveredTo(2, 2)).count(), { timeout: 10_000 })
        .toBe(1);
      for (const j of [0, 1, 2].filter((j) => j !== i)) {
        const other = chat(j).getByRole('log', { name: words(j).log });
        await expect.poll(() => other.getByText(text).count(), { timeout: 10_000 }).toBe(1);
      }
    }
    for (const i of [0, 1]) {
      const lang = MEMBERS[i]!.lang;
      await chat(i).screenshot({ path: await artifactPath(`e2e-pigeon-group-${lang}.png`) });
      await chat(i).emulateMedia({ colorScheme: 'dark' });
      await chat(i).screenshot({ path: await artifactPath(`e2e-pigeon-group-${lang}-dark.png`) });
      await chat(i).emulateMedia({ colorScheme: 'light' });
    }
    // Each log names the other two authors on their messages.
    for (const i of [0, 1, 2]) {
      const log = chat(i).getByRole('log', { name: words(i).log });
      for (const j of [0, 1, 2].filter((j) => j !== i))
        expect(await log.getByText(MEMBERS[j]!.nick, { exact: true }).count()).toBeGreaterThan(0);
    }
  });

  it('"Members" lists all three on every member', async () => {
    for (const i of [0, 1, 2]) {
      await chat(i)
        .getByRole('button', { name: words(i).members, exact: true })
        .click();
      const members = chat(i).getByRole('region', { name: words(i).membersOf(GROUP) });
      await expect.poll(() => members.getByRole('listitem').count()).toBe(3);
      if (i < 2) {
        const lang = MEMBERS[i]!.lang;
        await chat(i).screenshot({ path: await artifactPath(`e2e-pigeon-members-${lang}.png`) });
        await chat(i).emulateMedia({ colorScheme: 'dark' });
        await chat(i).screenshot({
          path: await artifactPath(`e2e-pigeon-members-${lang}-dark.png`),
        });
        await chat(i).emulateMedia({ colorScheme: 'light' });
      }
      for (const member of MEMBERS)
        expect(
          await members.getByRole('listitem').filter({ hasText: member.nick }).count(),
          `${member.nick} in the member list at ${MEMBERS[i]!.nick}`,
        ).toBe(1);
    }
  });
});
