import type { Page } from 'playwright-core';

/**
 * Opens the chat with `nickname` the way a user does: a double click on the contact in
 * the main window's list (named `contacts` in the window's language), which opens a
 * new window; it is given a chat window's size before anything is looked at.
 */
export async function openChat(
  main: Page,
  contacts: string,
  nickname: string,
  height = 720,
): Promise<Page> {
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
