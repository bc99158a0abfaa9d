// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { peer, self, snapshot } from './support/fixtures';
import { showContacts } from './support/main-tabs';
import { renderWindow } from './support/render-window';

afterEach(cleanup);

const english = snapshot({
  self: { ...self, language: 'en', group: 'Dev' },
  peers: [
    peer({ nickname: 'Ann', group: 'Admin', address: '192.168.1.31', host: 'ANN-PC' }),
    peer({ nickname: 'Bob', group: 'Sales', address: '192.168.1.32', client: 'feiq' }),
    peer({ nickname: 'Cai', group: 'Dev', address: '192.168.1.33', status: 'offline' }),
    peer({ nickname: 'Dan', group: 'Dev', address: '192.168.1.34' }),
  ],
});

const contactIds = () =>
  within(screen.getByRole('list', { name: 'Contacts' }))
    .queryAllByRole('listitem')
    .map((item) => item.dataset.peerId);

async function contacts(snap = english) {
  const view = await renderWindow({ snapshot: snap });
  await showContacts();
  return view;
}

describe('contact rows', () => {
  it('puts the user’s own group first, with online/total on each group', async () => {
    await contacts();
    const groups = screen.getAllByRole('button', { expanded: true });
    expect(groups.map((button) => button.getAttribute('aria-label'))).toEqual([
      'Dev 1 of 2 online',
      'Admin 1 of 1 online',
      'Sales 1 of 1 online',
    ]);
    expect(groups[0]?.textContent).toContain('1/2');
    expect(contactIds()).toEqual(['dan@lan-pc', 'cai@lan-pc', 'ann@ANN-PC', 'bob@lan-pc']);
  });

  it('shows address and computer name on the second line, the client only on hover', async () => {
    await contacts();
    const ann = screen.getByRole('listitem', { name: 'Ann Online' });
    expect(ann.textContent).toContain('192.168.1.31 · ANN-PC');
    // Online needs no word; away and offline are said, not only coloured.
    expect(ann.textContent).not.toContain('Online');
    expect(screen.getByRole('listitem', { name: 'Cai Offline' }).textContent).toContain('Offline');
    const bob = screen.getByRole('listitem', { name: 'Bob Online' });
    expect(bob.textContent).not.toContain('FeiQ');
    expect(bob.title).toContain('FeiQ');
  });

  it('folds a group away and back', async () => {
    await contacts();
    const user = userEvent.setup();
    const dev = screen.getByRole('button', { name: 'Dev 1 of 2 online' });
    await user.click(dev);
    expect(dev.getAttribute('aria-expanded')).toBe('false');
    expect(contactIds()).toEqual(['ann@ANN-PC', 'bob@lan-pc']);
    await user.click(screen.getByRole('button', { name: 'Dev 1 of 2 online' }));
    expect(contactIds()).toHaveLength(4);
  });

  it('sets a remark from the contact menu: shown instead of the nickname, which stays on hover', async () => {
    const { fake } = await contacts();
    const user = userEvent.setup();
    fireEvent.contextMenu(screen.getByRole('listitem', { name: 'Bob Online' }));
    const menu = screen.getByRole('menu', { name: 'Contact actions' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['Open chat', 'Send file', 'Remark', 'View info']);
    await user.click(within(menu).getByRole('menuitem', { name: 'Remark' }));
    const dialog = screen.getByRole('dialog', { name: 'Remark for Bob' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Remark' }), 'Bob from sales');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(fake.api.setRemark).toHaveBeenCalledWith({
      peerId: 'bob@lan-pc',
      remark: 'Bob from sales',
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    const row = screen.getByRole('listitem', { name: 'Bob from sales Online' });
    expect(row.title.split('\n')).toContain('Bob');
    // The filter finds a contact by its remark too.
    await user.type(screen.getByRole('textbox', { name: 'Filter contacts' }), 'from sales');
    expect(contactIds()).toEqual(['bob@lan-pc']);
  });

  it('shows remarks from the snapshot and follows remark events', async () => {
    const { fake } = await contacts({
      ...english,
      remarks: [{ peerId: 'ann@ANN-PC', remark: '安姐' }],
    });
    expect(screen.getByRole('listitem', { name: '安姐 Online' })).toBeTruthy();
    await act(async () => {
      fake.emit([{ type: 'remark', peerId: 'ann@ANN-PC', remark: '' }]);
    });
    expect(screen.getByRole('listitem', { name: 'Ann Online' })).toBeTruthy();
  });

  it('opens the menu with the ContextMenu key, and View info tells address and client', async () => {
    const { fake } = await contacts();
    const user = userEvent.setup();
    screen.getByRole('listitem', { name: 'Bob Online' }).focus();
    await user.keyboard('{ContextMenu}');
    expect(document.activeElement?.textContent).toBe('Open chat');
    await user.keyboard('{End}{Enter}');
    const info = screen.getByRole('dialog', { name: 'Bob' });
    expect(info.textContent).toContain('192.168.1.32:2425');
    expect(info.textContent).toContain('FeiQ');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('listitem', { name: 'Bob Online' }));

    await user.keyboard('{Shift>}{F10}{/Shift}');
    await user.keyboard('{Enter}');
    expect(fake.api.openConversation).toHaveBeenLastCalledWith({ peerId: 'bob@lan-pc' });
  });

  it('sends a file from the contact menu, then shows the chat', async () => {
    const report = new File(['data'], 'report.pdf');
    const view = await renderWindow({
      snapshot: english,
      pigeonFiles: { pathFor: (file) => (file === report ? '/home/li/report.pdf' : '') },
    });
    await showContacts();
    const user = userEvent.setup();
    const input = screen.getByTestId('contact-file-input') as HTMLInputElement;
    const picker = vi.spyOn(input, 'click');
    fireEvent.contextMenu(screen.getByRole('listitem', { name: 'Dan Online' }));
    await user.click(screen.getByRole('menuitem', { name: 'Send file' }));
    expect(picker).toHaveBeenCalled();
    await user.upload(input, report);
    await vi.waitFor(() =>
      expect(view.fake.api.openConversation).toHaveBeenCalledWith({ peerId: 'dan@lan-pc' }),
    );
    expect(view.fake.api.offerFiles).toHaveBeenCalledWith({
      conversationId: 'dan@lan-pc',
      paths: ['/home/li/report.pdf'],
    });
  });

  it('draws only the rows in view of a thousand contacts', async () => {
    const many = Array.from({ length: 1000 }, (_, index) =>
      peer({ nickname: `P${String(index).padStart(4, '0')}`, group: `G${index % 10}` }),
    );
    await contacts(snapshot({ self: english.self, peers: many }));
    const drawn = contactIds();
    expect(drawn.slice(0, 3)).toEqual(['p0000@lan-pc', 'p0010@lan-pc', 'p0020@lan-pc']);
    expect(drawn.length).toBeGreaterThan(5);
    expect(drawn.length).toBeLessThan(60);
    // The list is as tall as every row: 10 groups and 1,000 contacts.
    const track = screen.getByRole('list', { name: 'Contacts' });
    expect(track.style.height).toBe(`${10 * 30 + 1000 * 44}px`);
  });
});
