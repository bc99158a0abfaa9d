// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { MessageDTO, PeerDTO } from '../../../src-shared/contract';
import { conversation, message, peer, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { renderWindow } from './support/render-window';

withFakeLayout();

const alice = peer({ nickname: 'Alice', client: 'pigeon' });
const bob = peer({ nickname: 'Bob', client: 'pigeon' });

async function chatWith(
  who: PeerDTO,
  messages: MessageDTO[],
  language: 'en' | 'zh-CN' = 'en',
  others: PeerDTO[] = [],
) {
  const view = await renderWindow({
    hash: `#/chat/${who.id}`,
    snapshot: snapshot({
      peers: [who, ...others],
      conversations: [conversation({ peerId: who.id })],
    }),
    languageOverride: language,
  });
  await act(async () => {
    view.store.getState().mergeLatestMessages(who.id, messages, 100);
  });
  const log = await screen.findByRole('log', { name: language === 'en' ? 'Conversation' : '会话' });
  return { ...view, log };
}

const bubbleOf = (log: HTMLElement, id: string) =>
  log.querySelector<HTMLElement>(`[data-message-id="${id}"]`)!;

function openMenu(log: HTMLElement, id: string, language: 'en' | 'zh-CN' = 'en') {
  fireEvent.contextMenu(bubbleOf(log, id), { clientX: 40, clientY: 40 });
  return screen.getByRole('menu', { name: language === 'en' ? 'Message actions' : '消息操作' });
}

const names = (menu: HTMLElement) =>
  within(menu)
    .getAllByRole('menuitem')
    .map((item) => item.textContent);

describe('a message’s right-click menu', () => {
  it('offers Copy, Quote, Forward and Delete on a received message, and copies its text', async () => {
    const user = userEvent.setup();
    const { log } = await chatWith(alice, [message({ id: 'm1', text: '会议改到三点' })]);
    const menu = openMenu(log, 'm1');
    expect(names(menu)).toEqual(['Copy', 'Quote', 'Forward', 'Delete']);
    await user.click(within(menu).getByRole('menuitem', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe('会议改到三点');
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('offers Recall on my delivered message for two minutes, not after', async () => {
    const now = Date.now();
    const { log } = await chatWith(alice, [
      message({ id: 'fresh', direction: 'out', state: 'delivered', at: now - 60_000 }),
      message({ id: 'old', direction: 'out', state: 'delivered', at: now - 180_000 }),
    ]);
    expect(names(openMenu(log, 'fresh'))).toContain('Recall');
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    expect(names(openMenu(log, 'old'))).not.toContain('Recall');
  });

  it('Recall: the log says "You recalled a message" and the text is gone', async () => {
    const user = userEvent.setup();
    const { log, fake } = await chatWith(alice, [
      message({ id: 'm1', direction: 'out', state: 'delivered', text: 'oops', at: Date.now() }),
    ]);
    await user.click(within(openMenu(log, 'm1')).getByRole('menuitem', { name: 'Recall' }));
    expect(fake.api.recallMessage).toHaveBeenCalledWith({ messageId: 'm1' });
    expect(await within(log).findByText('You recalled a message')).toBeTruthy();
    expect(within(log).queryByText('oops')).toBeNull();
  });

  it('a message the peer recalled reads "Alice 撤回了一条消息" in Chinese', async () => {
    const { log } = await chatWith(
      alice,
      [message({ id: 'm1', text: '', state: 'recalled' })],
      'zh-CN',
    );
    expect(within(log).getByText('Alice 撤回了一条消息')).toBeTruthy();
  });

  it('Recall toward a client that is not Pigeon says it cannot be recalled, and sends nothing', async () => {
    const user = userEvent.setup();
    const tux = peer({ nickname: 'Tux', client: 'iptux' });
    const { log, fake } = await chatWith(tux, [
      message({
        id: 'm1',
        conversationId: tux.id,
        direction: 'out',
        state: 'delivered',
        text: 'hello',
        at: Date.now(),
      }),
    ]);
    await user.click(within(openMenu(log, 'm1')).getByRole('menuitem', { name: 'Recall' }));
    expect(
      await screen.findByText(/Tux does not use Pigeon: this message cannot be recalled/),
    ).toBeTruthy();
    expect(fake.api.recallMessage).not.toHaveBeenCalled();
    expect(within(log).getByText('hello')).toBeTruthy();
  });

  it('Delete removes the message from the log (and asks main to delete it)', async () => {
    const user = userEvent.setup();
    const { log, fake } = await chatWith(alice, [
      message({ id: 'm1', text: 'keep' }),
      message({ id: 'm2', text: 'drop', at: 1_700_000_001_000 }),
    ]);
    await user.click(within(openMenu(log, 'm2')).getByRole('menuitem', { name: 'Delete' }));
    expect(fake.api.deleteMessage).toHaveBeenCalledWith({ messageId: 'm2' });
    await vi.waitFor(() => expect(within(log).queryByText('drop')).toBeNull());
    expect(within(log).getByText('keep')).toBeTruthy();
  });

  it('Quote puts a quote block above the composer; the reply goes out with it and shows it as a quote', async () => {
    const user = userEvent.setup();
    const { log, fake, store } = await chatWith(alice, [
      message({ id: 'm1', text: '周五发版吗？' }),
    ]);
    await user.click(within(openMenu(log, 'm1')).getByRole('menuitem', { name: 'Quote' }));
    const draft = screen.getByRole('group', { name: 'Quoting Alice' });
    expect(draft.textContent).toContain('周五发版吗？');
    const composer = screen.getByRole('textbox', { name: 'Message' });
    await user.type(composer, '发{Enter}');
    const sent = fake.api.sendMessage.mock.calls[0]?.[0];
    expect(sent?.text).toBe('> Alice: 周五发版吗？\n\n发');
    expect(screen.queryByRole('group', { name: 'Quoting Alice' })).toBeNull();
    // Shown as a quote above the reply.
    await act(async () => {
      store.getState().upsertMessages([
        message({
          id: 'sent',
          direction: 'out',
          state: 'delivered',
          text: sent!.text,
          at: 1_700_000_002_000,
        }),
      ]);
    });
    const quote = bubbleOf(log, 'sent').querySelector('blockquote');
    expect(quote?.textContent).toBe('Alice: 周五发版吗？');
    expect(bubbleOf(log, 'sent').querySelector('.message-text')?.textContent).toBe('发');
  });

  it('Remove quote drops the quote: the message goes out without it', async () => {
    const user = userEvent.setup();
    const { log, fake } = await chatWith(alice, [message({ id: 'm1', text: 'x' })]);
    await user.click(within(openMenu(log, 'm1')).getByRole('menuitem', { name: 'Quote' }));
    await user.click(screen.getByRole('button', { name: 'Remove quote' }));
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'plain{Enter}');
    expect(fake.api.sendMessage.mock.calls[0]?.[0]?.text).toBe('plain');
  });

  it('Forward sends the text to the chat picked in the dialog', async () => {
    const user = userEvent.setup();
    const { log, fake } = await chatWith(
      alice,
      [message({ id: 'm1', text: '构建链接 http://ci/7' })],
      'en',
      [bob],
    );
    await user.click(within(openMenu(log, 'm1')).getByRole('menuitem', { name: 'Forward' }));
    const dialog = screen.getByRole('dialog', { name: 'Forward to…' });
    await user.click(within(dialog).getByRole('button', { name: 'Forward' }));
    expect(within(dialog).getByText('Pick a chat first.')).toBeTruthy();
    await user.type(within(dialog).getByRole('searchbox', { name: 'Search' }), 'bo');
    expect(within(dialog).queryByRole('radio', { name: 'Alice' })).toBeNull();
    await user.click(within(dialog).getByRole('radio', { name: 'Bob' }));
    await user.click(within(dialog).getByRole('button', { name: 'Forward' }));
    expect(fake.api.sendMessage).toHaveBeenCalledWith({
      conversationId: bob.id,
      text: '构建链接 http://ci/7',
    });
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});

describe('a message’s menu from the keyboard', () => {
  it('Tab reaches the latest message, arrows move, Shift+F10 opens its menu in place', async () => {
    const user = userEvent.setup();
    const { log } = await chatWith(alice, [
      message({ id: 'm1', text: 'first' }),
      message({ id: 'm2', text: 'second' }),
      message({ id: 'm3', text: 'third' }),
    ]);
    log.focus();
    await user.tab();
    expect(document.activeElement).toBe(bubbleOf(log, 'm3'));
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(bubbleOf(log, 'm2'));
    await user.keyboard('{Shift>}{F10}{/Shift}');
    const menu = screen.getByRole('menu', { name: 'Message actions' });
    await user.click(within(menu).getByRole('menuitem', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe('second');
  });

  it('the menu key opens it too, in Chinese, and a recalled message is passed over', async () => {
    const user = userEvent.setup();
    const { log } = await chatWith(
      alice,
      [
        message({ id: 'm1', text: '第一条' }),
        message({ id: 'gone', text: '', state: 'recalled' }),
        message({ id: 'm3', text: '第三条' }),
      ],
      'zh-CN',
    );
    log.focus();
    await user.tab();
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(bubbleOf(log, 'm1'));
    fireEvent.keyDown(document.activeElement!, { key: 'ContextMenu' });
    const menu = screen.getByRole('menu', { name: '消息操作' });
    expect(within(menu).getAllByRole('menuitem').length).toBeGreaterThan(0);
  });
});
