import type { Page } from 'playwright-core';

/**
 * Opens the chat with `nickname` the way a user does: the Contacts tab (the main window
 * opens on Chats), then a double click on the contact in its list (both named
 * `contacts` in the window's language), which opens a new window; it is given a chat
 * window's size before anything is looked at.
 */
export async function openChat(
  main: Page,
  contacts: string,
  nickname: string,
  height = 720,
): Promise<Page> {
  await main.getByRole('tab', { name: contacts, exact: true }).click();
  const item = main
    .getByRole('list', { name: contacts })
    .getByRole('listitem')
    .filter({ hasText: nickname });
  await item.waitFor({ timeout: 10_000 });
  const [chat] = await Promise.all([main.context().waitForEvent('page'), item.dblclick()]);
  await chat.setViewportSize({ width: 560, height });
  await chat.waitForLoadState('domcontentloaded');
  return chat;
}
