// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PeerDTO } from '../../../src-shared/contract';
import { conversation, message, peer, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { showContacts } from './support/main-tabs';
import { renderWindow } from './support/render-window';

withFakeLayout();

const printer: PeerDTO = {
  id: 'udp:192.168.1.50:8080',
  nickname: '打印机',
  group: '',
  user: '',
  host: '192.168.1.50',
  address: '192.168.1.50',
  port: 8080,
  status: 'online',
  client: 'udp',
  version: '',
  lastSeen: 0,
  plain: { host: '192.168.1.50', port: 8080, encoding: 'gbk', localPort: 3001 },
};
const bob = peer({ nickname: 'Bob', group: '' });
const english = snapshot({
  self: { ...snapshot().self, language: 'en' },
  peers: [printer, bob],
});

async function openForm(language: 'en' | 'zh-CN' = 'en') {
  const view = await renderWindow({ snapshot: english, languageOverride: language });
  await showContacts();
  const user = userEvent.setup();
  const name = language === 'en' ? 'Add plain contact' : '添加纯文本联系人';
  const button = await screen.findByRole('button', { name });
  await user.click(button);
  const dialog = screen.getByRole('dialog', { name });
  return { ...view, user, button, dialog };
}

describe('adding a plain UDP contact', () => {
  it('sends host, port, encoding, local port and name, and closes', async () => {
    const { fake, user, dialog, button } = await openForm();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const host = within(dialog).getByRole('textbox', { name: 'Host' });
    expect(document.activeElement).toBe(host);
    await user.type(host, ' 192.168.1.60 ');
    await user.type(within(dialog).getByRole('textbox', { name: 'Port' }), '7788');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Encoding' }), 'GBK');
    await user.type(within(dialog).getByRole('textbox', { name: /Local port/ }), '3002');
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), '传感器');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(fake.api.addPlainContact).toHaveBeenCalledWith({
      host: '192.168.1.60',
      port: 7788,
      encoding: 'gbk',
      localPort: 3002,
      nickname: '传感器',
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
    // The new contact is in the list at once, in the plain UDP group.
    expect(await screen.findByRole('listitem', { name: /传感器/ })).toBeTruthy();
  });

  it('leaves out an empty local port and name (any free port, host:port as name)', async () => {
    const { fake, user, dialog } = await openForm();
    await user.type(within(dialog).getByRole('textbox', { name: 'Host' }), 'printer.lan');
    await user.type(within(dialog).getByRole('textbox', { name: 'Port' }), '9100');
    await user.keyboard('{Enter}');
    expect(fake.api.addPlainContact).toHaveBeenCalledWith({
      host: 'printer.lan',
      port: 9100,
      encoding: 'utf8',
    });
  });

  it('says what is wrong inline before asking main, and focuses the field', async () => {
    const { fake, user, dialog } = await openForm();
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'Please enter an IP address or a computer name.',
    );
    const host = within(dialog).getByRole('textbox', { name: 'Host' });
    expect(host.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(host);

    await user.type(host, '10.0.0.5');
    const port = within(dialog).getByRole('textbox', { name: 'Port' });
    await user.type(port, '70000');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(within(dialog).getByRole('alert').textContent).toMatch(/from 1 to 65535/);
    expect(document.activeElement).toBe(port);

    await user.clear(port);
    await user.type(port, '80');
    await user.type(within(dialog).getByRole('textbox', { name: /Local port/ }), 'abc');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(within(dialog).getByRole('alert').textContent).toMatch(/local port/i);
    expect(fake.api.addPlainContact).not.toHaveBeenCalled();
  });

  it('shows what main refused, keeping what was typed', async () => {
    const { fake, user, dialog } = await openForm();
    fake.api.addPlainContact.mockRejectedValueOnce({
      name: 'ContractError',
      code: 'failed',
      message: 'Local UDP port 3001 is already in use. Choose another port.',
    });
    await user.type(within(dialog).getByRole('textbox', { name: 'Host' }), '10.0.0.5');
    await user.type(within(dialog).getByRole('textbox', { name: 'Port' }), '8080');
    await user.type(within(dialog).getByRole('textbox', { name: /Local port/ }), '3001');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe(
      'Could not add the contact: Local UDP port 3001 is already in use. Choose another port.',
    );
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect((within(dialog).getByRole('textbox', { name: 'Host' }) as HTMLInputElement).value).toBe(
      '10.0.0.5',
    );
  });

  it('Cancel and Escape close the form without adding', async () => {
    const { fake, user, dialog, button } = await openForm();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
    await user.click(button);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.api.addPlainContact).not.toHaveBeenCalled();
  });

  it('keeps what was typed while Search or Network status is open', async () => {
    const { user, dialog } = await openForm();
    await user.type(within(dialog).getByRole('textbox', { name: 'Host' }), 'printer.lan');
    await user.type(within(dialog).getByRole('textbox', { name: 'Port' }), '9100');
    await user.click(screen.getByRole('button', { name: 'Search history' }));
    await user.click(screen.getByRole('button', { name: 'Close search' }));
    await user.click(screen.getByRole('button', { name: 'Network status' }));
    await user.click(screen.getByRole('button', { name: 'Network status' }));
    const again = screen.getByRole('dialog', { name: 'Add plain contact' });
    expect((within(again).getByRole('textbox', { name: 'Host' }) as HTMLInputElement).value).toBe(
      'printer.lan',
    );
    expect((within(again).getByRole('textbox', { name: 'Port' }) as HTMLInputElement).value).toBe(
      '9100',
    );
    expect(
      screen.getByRole('button', { name: 'Add plain contact' }).getAttribute('aria-expanded'),
    ).toBe('true');
  });

  it('speaks Chinese', async () => {
    const { dialog } = await openForm('zh-CN');
    for (const name of ['主机', '端口', '本地端口', '名称']) {
      expect(within(dialog).getByRole('textbox', { name })).toBeTruthy();
    }
    expect(within(dialog).getByRole('combobox', { name: '编码' })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: '添加' })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: '取消' })).toBeTruthy();
  });
});

describe('plain UDP contacts in the list', () => {
  it('have their own group, last, and leave the list when removed', async () => {
    const { fake } = await renderWindow({ snapshot: english, languageOverride: 'en' });
    await showContacts();
    const list = await screen.findByRole('list', { name: 'Contacts' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.dataset.peerId)).toEqual(['bob@lan-pc', printer.id]);
    expect(within(list).getByText('No group')).toBeTruthy();
    const group = within(list).getAllByText('Plain contacts')[0]!;
    expect(group.className).toBe('contact-group-name');
    expect(items[1]!.title.split('\n')).toContain('192.168.1.50:8080');

    await act(async () => {
      fake.emit([{ type: 'peer-removed', peerId: printer.id }]);
    });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.dataset.peerId),
    ).toEqual(['bob@lan-pc']);
  });
});

describe('a plain UDP contact’s chat', () => {
  const chat = (peers: PeerDTO[] = [printer]) =>
    renderWindow({
      hash: `#/chat/${encodeURIComponent(printer.id)}`,
      snapshot: snapshot({
        peers,
        conversations: [conversation({ peerId: printer.id })],
      }),
      languageOverride: 'en',
    });

  it('shows host:port, encoding and local port, and "Sent" rather than "Delivered"', async () => {
    const view = await chat();
    const details = await screen.findByRole('region', { name: 'Plain contact' });
    expect(details.textContent).toContain('192.168.1.50:8080');
    expect(details.textContent).toContain('GBK');
    expect(details.textContent).toContain('local port 3001');
    // Nothing waits for a plain contact, so no "messages wait here" banner either.
    expect(screen.queryByText(/messages wait here/)).toBeNull();
    await act(async () => {
      view.store.getState().mergeLatestMessages(
        printer.id,
        [
          message({
            id: 'm1',
            conversationId: printer.id,
            direction: 'out',
            state: 'delivered',
            text: 'OK 👍',
            error: '1 character(s) cannot be written in GBK and went out as "?".',
          }),
        ],
        100,
      );
    });
    const log = await screen.findByRole('log', { name: 'Conversation' });
    expect(within(log).getByText('Sent')).toBeTruthy();
    expect(within(log).queryByText('Delivered')).toBeNull();
    expect(within(log).getByText(/cannot be written in GBK/)).toBeTruthy();
  });

  it('removes the contact after asking, then says the history stays', async () => {
    const { fake } = await chat();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Remove contact' }));
    expect(screen.getByText('Remove 打印机? The chat history stays.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.api.removePlainContact).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Remove contact' }));
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    expect(fake.api.removePlainContact).toHaveBeenCalledWith({ peerId: printer.id });
    expect(await screen.findByText(/This contact was removed. Its history stays/)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Plain contact' })).toBeNull();
  });

  it('shows why an unreachable contact cannot be reached', async () => {
    await chat([
      {
        ...printer,
        status: 'offline',
        plain: { ...printer.plain!, problem: 'Local UDP port 3001 is already in use.' },
      },
    ]);
    expect(
      await screen.findByText('Cannot reach 打印机: Local UDP port 3001 is already in use.'),
    ).toBeTruthy();
    expect(screen.queryByText(/messages wait here/)).toBeNull();
  });
});
