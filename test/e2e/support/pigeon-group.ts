import type { Locator, Page } from 'playwright-core';

/** The New group dialog on `main`, opened by its button as a user does (both named `title`). */
export async function openNewGroup(main: Page, title: string): Promise<Locator> {
  await main.getByRole('button', { name: title, exact: true }).click();
  const dialog = main.getByRole('dialog', { name: title });
  await dialog.waitFor();
  return dialog;
}

/**
 * Opens the group `name` listed in `main`'s Groups section (named `groups` in the
 * window's language) once it is there; its chat window is given a chat window's size.
 */
export async function openGroupChat(main: Page, groups: string, name: string): Promise<Page> {
  const item = main
    .getByRole('region', { name: groups, exact: true })
    .getByRole('button', { name: new RegExp(name) });
  await item.waitFor({ timeout: 10_000 });
  const [chat] = await Promise.all([main.context().waitForEvent('page'), item.click()]);
  await chat.setViewportSize({ width: 560, height: 640 });
  return chat;
}

/** How a group's chat window and the main window name their parts, in each language. */
export const GROUP_WORDS = {
  en: {
    contacts: 'Contacts',
    groups: 'Groups',
    log: 'Conversation',
    message: 'Message',
    send: 'Send',
    deliveredTo: (delivered: number, of: number) => `Delivered to ${delivered} of ${of}`,
  },
  'zh-CN': {
    contacts: '联系人',
    groups: '群聊',
    log: '会话',
    message: '消息',
    send: '发送',
    deliveredTo: (delivered: number, of: number) => `已送达 ${delivered}/${of}`,
  },
};
