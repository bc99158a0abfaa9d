// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { conversation, peer, snapshot } from './support/fixtures';
import { showContacts } from './support/main-tabs';
import { renderWindow } from './support/render-window';

afterEach(cleanup);

const peers = [
  peer({ nickname: 'Zoe', group: 'Sales', status: 'offline', client: 'feiq' }),
  peer({ nickname: 'Yan', group: 'Sales', client: 'iptux', address: '192.168.1.33' }),
  peer({ nickname: 'Bob', group: 'Sales', status: 'away', client: 'pigeon' }),
  peer({ nickname: 'Loner', group: '' }),
];
const english = snapshot({
  self: { ...snapshot().self, language: 'en' },
  peers,
  conversations: [conversation({ peerId: 'bob@lan-pc', unread: 3 })],
});

describe('the contact list', () => {
  it('groups contacts under their group, with present/total counts and “No group” last', async () => {
    await renderWindow({ snapshot: english });
    await showContacts();
    const list = await screen.findByRole('list', { name: 'Contacts' });
    const items = within(list).getAllByRole('listitem');
    // Present peers first inside a group; the unnamed group comes last.
    expect(items.map((item) => item.dataset.peerId)).toEqual([
      'yan@lan-pc',
      'bob@lan-pc',
      'zoe@lan-pc',
      'loner@lan-pc',
    ]);
    expect(within(list).getByText('Sales')).toBeTruthy();
    expect(within(list).getByRole('button', { name: 'Sales 2 of 3 online' })).toBeTruthy();
    expect(within(list).getByText('No group')).toBeTruthy();
  });

  it('names each contact by nickname, status and unread count', async () => {
    await renderWindow({ snapshot: english });
    await showContacts();
    expect(await screen.findByRole('listitem', { name: 'Yan Online' })).toBeTruthy();
    expect(screen.getByRole('listitem', { name: 'Zoe Offline' })).toBeTruthy();
    const bob = screen.getByRole('listitem', { name: 'Bob Away 3 unread messages' });
    // The client is in the hover text only; the row's second line is address and computer.
    expect(within(bob).queryByText('Pigeon')).toBeNull();
    expect(bob.title).toContain('Pigeon');
    const yan = screen.getByRole('listitem', { name: /Yan/ });
    expect(yan.title).toContain('192.168.1.33:2425');
    const zoe = screen.getByRole('listitem', { name: /Zoe/ });
    expect(within(zoe).queryByText('FeiQ')).toBeNull();
    expect(zoe.title.split('\n')).toContain('FeiQ');
  });

  it('opens a chat with Enter or a double-click', async () => {
    const { fake } = await renderWindow({ snapshot: english });
    await showContacts();
    const yan = await screen.findByRole('listitem', { name: /Yan/ });
    yan.focus();
    await userEvent.keyboard('{Enter}');
    expect(fake.api.openConversation).toHaveBeenLastCalledWith({ peerId: 'yan@lan-pc' });
    fireEvent.doubleClick(screen.getByRole('listitem', { name: /Zoe/ }));
    expect(fake.api.openConversation).toHaveBeenLastCalledWith({ peerId: 'zoe@lan-pc' });
  });

  it('moves with the arrow keys, keeping one contact in the tab order', async () => {
    await renderWindow({ snapshot: english });
    await showContacts();
    const user = userEvent.setup();
    const filter = await screen.findByRole('textbox', { name: 'Filter contacts' });
    await user.click(filter);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.getAttribute('data-peer-id')).toBe('yan@lan-pc');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement?.getAttribute('data-peer-id')).toBe('zoe@lan-pc');
    await user.keyboard('{End}');
    expect(document.activeElement?.getAttribute('data-peer-id')).toBe('loner@lan-pc');
    await user.keyboard('{ArrowDown}{Home}');
    expect(document.activeElement?.getAttribute('data-peer-id')).toBe('yan@lan-pc');
    const tabbable = screen.getAllByRole('listitem').filter((item) => item.tabIndex === 0);
    expect(tabbable).toHaveLength(1);
  });

  it('filters by what is typed, and Enter in the filter opens the first match', async () => {
    const { fake } = await renderWindow({ snapshot: english });
    await showContacts();
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: 'Filter contacts' }), 'zo');
    const list = screen.getByRole('list', { name: 'Contacts' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.dataset.peerId),
    ).toEqual(['zoe@lan-pc']);
    await user.keyboard('{Enter}');
    expect(fake.api.openConversation).toHaveBeenCalledWith({ peerId: 'zoe@lan-pc' });
    await user.type(screen.getByRole('textbox', { name: 'Filter contacts' }), 'zzz');
    expect(screen.getByText('Nobody matches “zozzz”.').closest('[role="status"]')).toBeTruthy();
  });

  it('says it is still looking, with the firewall hint, while nobody is found', async () => {
    await renderWindow({ snapshot: snapshot({ self: english.self }) });
    await showContacts();
    const status = await screen.findByText('Looking for people on your network…');
    expect(status.closest('[role="status"]')?.textContent).toMatch(/UDP.*2425/);
    expect(
      within(screen.getByRole('list', { name: 'Contacts' })).queryAllByRole('listitem'),
    ).toEqual([]);
  });

  it('updates presence and unread counts from events', async () => {
    const { fake } = await renderWindow({ snapshot: english });
    await showContacts();
    await screen.findByRole('listitem', { name: 'Yan Online' });
    act(() =>
      fake.emit([
        { type: 'peer', peer: { ...peers[1]!, status: 'offline' } },
        { type: 'conversation', conversation: conversation({ peerId: 'yan@lan-pc', unread: 1 }) },
      ]),
    );
    expect(screen.getByRole('listitem', { name: 'Yan Offline 1 unread message' })).toBeTruthy();
  });

  it('refreshes, and keeps datagram counts out of the footer (they are in Network status)', async () => {
    const { fake } = await renderWindow({ snapshot: english });
    await showContacts();
    await userEvent.click(await screen.findByRole('button', { name: 'Refresh' }));
    expect(fake.api.refreshPeers).toHaveBeenCalledTimes(1);
    const footer = screen.getByRole('contentinfo');
    expect(within(footer).queryByText(/1,200/)).toBeNull();
    expect(within(footer).getByRole('button', { name: 'Network status' })).toBeTruthy();
  });

  it('changes status and profile through updateProfile', async () => {
    const { fake } = await renderWindow({ snapshot: english });
    await showContacts();
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Status' }), 'away');
    expect(fake.api.updateProfile).toHaveBeenCalledWith({ status: 'away' });

    const gear = screen.getByRole('button', { name: 'Settings' });
    await user.click(gear);
    expect(gear.getAttribute('aria-expanded')).toBe('true');
    const nickname = screen.getByRole('textbox', { name: 'Nickname' });
    expect(document.activeElement).toBe(nickname);
    await user.clear(nickname);
    await user.type(nickname, '  Ming  ');
    await user.click(screen.getByRole('tab', { name: 'General' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Theme' }), 'dark');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(fake.api.updateProfile).toHaveBeenLastCalledWith({
      nickname: 'Ming',
      group: '研发部',
      language: 'en',
      theme: 'dark',
      sendKey: 'enter',
      sounds: true,
      notifications: true,
    });
    expect(await screen.findByRole('heading', { name: 'Ming' })).toBeTruthy();
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(document.activeElement).toBe(gear);
  });

  it('refuses an empty nickname with an alert', async () => {
    const { fake } = await renderWindow({ snapshot: english });
    await showContacts();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await user.clear(screen.getByRole('textbox', { name: 'Nickname' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert').textContent).toBe('Please enter a nickname.');
    expect(fake.api.updateProfile).not.toHaveBeenCalled();
  });
});
