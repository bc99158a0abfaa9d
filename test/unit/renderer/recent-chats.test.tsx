// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { conversation, message, peer, self, snapshot } from './support/fixtures';
import { renderWindow } from './support/render-window';

afterEach(cleanup);

const ann = peer({ nickname: 'Ann', group: 'Sales' });
const bob = peer({ nickname: 'Bob', group: 'Sales' });
const cai = peer({ nickname: 'Cai', group: 'Dev' });
const dee = peer({ nickname: 'Dee', group: 'Dev' });
const said = (who: string, at: number, text: string) =>
  message({ id: `${who}-${at}`, conversationId: `${who}@lan-pc`, at, text });

const english = snapshot({
  self: { ...self, language: 'en' },
  peers: [ann, bob, cai, dee],
  conversations: [
    conversation({ peerId: ann.id, lastMessage: said('ann', 1000, 'old news') }),
    conversation({ peerId: bob.id, unread: 2, lastMessage: said('bob', 3000, 'lunch?') }),
    conversation({ peerId: cai.id, unread: 5, lastMessage: said('cai', 2000, 'build broke') }),
    // Opened once, nothing said: not a recent chat.
    conversation({ peerId: dee.id }),
  ],
});

const chatNames = () =>
  within(screen.getByRole('list', { name: 'Chats' }))
    .getAllByRole('listitem')
    .map((item) => item.getAttribute('aria-label'));

describe('the recent chats', () => {
  it('is the first view: tabs Chats and Contacts, the Chats tab telling the total unread', async () => {
    await renderWindow({ snapshot: english });
    const chats = await screen.findByRole('tab', { name: 'Chats' });
    expect(chats.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tab', { name: 'Contacts' }).getAttribute('aria-selected')).toBe(
      'false',
    );
    expect(chats.textContent).toContain('7');
    expect(document.getElementById(chats.getAttribute('aria-describedby')!)?.textContent).toBe(
      '7 unread messages',
    );
    expect(screen.getByRole('tabpanel', { name: 'Chats' })).toBeTruthy();
    expect(document.title).toBe('(7) Pigeon');
  });

  it('lists people newest first, named by the person, with preview, time and unread count', async () => {
    await renderWindow({ snapshot: english });
    await screen.findByRole('list', { name: 'Chats' });
    expect(chatNames()).toEqual(['Bob', 'Cai', 'Ann']);
    const bobRow = screen.getByRole('listitem', { name: 'Bob' });
    const description = document.getElementById(
      bobRow.getAttribute('aria-describedby')!.split(' ')[0]!,
    )?.textContent;
    expect(description).toContain('2 unread messages');
    expect(description).toContain('lunch?');
    expect(within(bobRow).getByText('lunch?')).toBeTruthy();
    expect(within(bobRow).getByText('2')).toBeTruthy();
  });

  it('moves a chat to the top when a message arrives, and the title follows', async () => {
    const { fake } = await renderWindow({ snapshot: english });
    await screen.findByRole('list', { name: 'Chats' });
    await act(async () => {
      fake.emit([
        {
          type: 'conversation',
          conversation: conversation({
            peerId: ann.id,
            unread: 1,
            lastMessage: said('ann', 4000, 'urgent'),
          }),
        },
      ]);
    });
    expect(chatNames()).toEqual(['Ann', 'Bob', 'Cai']);
    expect(document.title).toBe('(8) Pigeon');
  });

  it('pins a chat to the top from its right-click menu, and unpins it', async () => {
    const { fake } = await renderWindow({ snapshot: english });
    const user = userEvent.setup();
    fireEvent.contextMenu(await screen.findByRole('listitem', { name: 'Ann' }));
    const menu = screen.getByRole('menu', { name: 'Chat actions' });
    await user.click(within(menu).getByRole('menuitem', { name: 'Pin to top' }));
    expect(fake.api.pinConversation).toHaveBeenCalledWith({
      conversationId: ann.id,
      pinned: true,
    });
    expect(chatNames()).toEqual(['Ann', 'Bob', 'Cai']);
    expect(screen.queryByRole('menu')).toBeNull();

    fireEvent.contextMenu(screen.getByRole('listitem', { name: 'Ann' }));
    await user.click(screen.getByRole('menuitem', { name: 'Unpin' }));
    expect(fake.api.pinConversation).toHaveBeenLastCalledWith({
      conversationId: ann.id,
      pinned: false,
    });
    expect(chatNames()).toEqual(['Bob', 'Cai', 'Ann']);
  });

  it('opens the menu from the keyboard (Shift+F10), and Escape gives focus back', async () => {
    const { fake } = await renderWindow({ snapshot: english });
    const user = userEvent.setup();
    const cai = await screen.findByRole('listitem', { name: 'Cai' });
    cai.focus();
    await user.keyboard('{Shift>}{F10}{/Shift}');
    const menu = screen.getByRole('menu', { name: 'Chat actions' });
    expect(document.activeElement?.getAttribute('role')).toBe('menuitem');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(menu.isConnected).toBe(false);
    expect(document.activeElement).toBe(screen.getByRole('listitem', { name: 'Cai' }));
    await user.keyboard('{ContextMenu}');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(fake.api.pinConversation).toHaveBeenCalledWith({
      conversationId: 'cai@lan-pc',
      pinned: true,
    });
  });

  it('keeps pins from the snapshot on top, and opens a chat with Enter', async () => {
    const { fake } = await renderWindow({
      snapshot: {
        ...english,
        conversations: english.conversations.map((c) =>
          c.id === dee.id ? { ...c, pinned: true } : c,
        ),
      },
    });
    await screen.findByRole('list', { name: 'Chats' });
    expect(chatNames()).toEqual(['Dee', 'Bob', 'Cai', 'Ann']);
    screen.getByRole('listitem', { name: 'Bob' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(fake.api.openConversation).toHaveBeenLastCalledWith({ peerId: bob.id });
  });

  it('speaks Chinese: tabs 会话 and 联系人, and the list 会话', async () => {
    await renderWindow({ snapshot: { ...english, self } });
    expect(await screen.findByRole('tab', { name: '会话' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: '联系人' })).toBeTruthy();
    expect(screen.getByRole('list', { name: '会话' })).toBeTruthy();
  });

  it('says so when there is no chat yet', async () => {
    await renderWindow({ snapshot: snapshot({ self: english.self, peers: [ann] }) });
    expect(await screen.findByText('No chats yet')).toBeTruthy();
    expect(document.title).toBe('Pigeon');
  });
});
