// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PeerDTO, PlainLinkDTO } from '../../../src-shared/contract';
import { conversation, message, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { showContacts } from './support/main-tabs';
import { renderWindow } from './support/render-window';

withFakeLayout();

const english = snapshot({ self: { ...snapshot().self, language: 'en' } });

async function openDialog(language: 'en' | 'zh-CN' = 'en') {
  const view = await renderWindow({ snapshot: english, languageOverride: language });
  await showContacts();
  const user = userEvent.setup();
  const name = language === 'en' ? 'Add plain contact' : '添加纯文本联系人';
  await user.click(await screen.findByRole('button', { name }));
  const dialog = screen.getByRole('dialog', { name });
  return { ...view, user, dialog };
}

const options = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((option) => option.textContent);

describe('the plain contact dialog, TCP', () => {
  it('offers UDP and TCP, and for TCP who connects; UDP stays the default', async () => {
    const { user, dialog } = await openDialog();
    const protocol = within(dialog).getByRole('combobox', { name: 'Protocol' });
    expect(options(protocol)).toEqual(['UDP', 'TCP']);
    expect((protocol as HTMLSelectElement).value).toBe('udp');
    expect(within(dialog).queryByRole('combobox', { name: 'Connection' })).toBeNull();

    await user.selectOptions(protocol, 'TCP');
    const connection = within(dialog).getByRole('combobox', { name: 'Connection' });
    expect(options(connection)).toEqual([
      'Connect to the program',
      'Wait for the program to connect',
    ]);
    // Connecting: the program's host and port; the system picks Pigeon's own port.
    expect(within(dialog).getByRole('textbox', { name: 'Port' })).toBeTruthy();
    expect(within(dialog).queryByRole('textbox', { name: /Local port/ })).toBeNull();
  });

  it('adds a contact that connects, line-based and refusing while disconnected', async () => {
    const { fake, user, dialog } = await openDialog();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Protocol' }), 'TCP');
    await user.type(within(dialog).getByRole('textbox', { name: 'Host' }), '10.0.0.7');
    await user.type(within(dialog).getByRole('textbox', { name: 'Port' }), '9999');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Encoding' }), 'GBK');
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), '教学服务器');
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'End each message with a newline' }),
    );
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'While not connected' }),
      'Refuse what I type, saying why',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(fake.api.addPlainContact).toHaveBeenCalledWith({
      host: '10.0.0.7',
      port: 9999,
      encoding: 'gbk',
      nickname: '教学服务器',
      protocol: 'tcp',
      connection: 'connect',
      lineBased: true,
      whenDisconnected: 'refuse',
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await screen.findByRole('listitem', { name: /教学服务器/ })).toBeTruthy();
  });

  it('waiting: asks the local port to listen on, the host being optional', async () => {
    const { fake, user, dialog } = await openDialog();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Protocol' }), 'TCP');
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Connection' }),
      'Wait for the program to connect',
    );
    expect(within(dialog).queryByRole('textbox', { name: 'Port' })).toBeNull();
    const localPort = within(dialog).getByRole('textbox', { name: 'Local port' });
    expect(localPort.getAttribute('aria-describedby')).toBeTruthy();
    expect(within(dialog).getByText('The port Pigeon waits on for the program to connect.'));

    // No port to wait on: said before main is asked.
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'Enter the local port to wait on: a whole number from 1 to 65535.',
    );
    expect(document.activeElement).toBe(localPort);
    expect(fake.api.addPlainContact).not.toHaveBeenCalled();

    await user.type(localPort, '9000');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(fake.api.addPlainContact).toHaveBeenCalledWith({
      host: '',
      encoding: 'utf8',
      localPort: 9000,
      protocol: 'tcp',
      connection: 'listen',
      lineBased: false,
      whenDisconnected: 'queue',
    });
  });

  it('never sends a local port typed for UDP once TCP hides it', async () => {
    const { fake, user, dialog } = await openDialog();
    await user.type(within(dialog).getByRole('textbox', { name: /Local port/ }), 'abc');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Protocol' }), 'TCP');
    await user.type(within(dialog).getByRole('textbox', { name: 'Host' }), 'bench.lan');
    await user.type(within(dialog).getByRole('textbox', { name: 'Port' }), '5025');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(fake.api.addPlainContact).toHaveBeenCalledWith({
      host: 'bench.lan',
      port: 5025,
      encoding: 'utf8',
      protocol: 'tcp',
      connection: 'connect',
      lineBased: false,
      whenDisconnected: 'queue',
    });
  });

  it('speaks Chinese by the same names', async () => {
    const { user, dialog } = await openDialog('zh-CN');
    const protocol = within(dialog).getByRole('combobox', { name: '协议' });
    expect(options(protocol)).toEqual(['UDP', 'TCP']);
    await user.selectOptions(protocol, 'TCP');
    expect(options(within(dialog).getByRole('combobox', { name: '连接方式' }))).toEqual([
      '连接到程序',
      '等待程序连接',
    ]);
    expect(within(dialog).getByRole('checkbox', { name: '每条消息末尾加换行符' })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: '添加' })).toBeTruthy();
  });
});

const link = (state: PlainLinkDTO['state'], more: Partial<PlainLinkDTO> = {}): PlainLinkDTO => ({
  state,
  queued: 0,
  ...more,
});

function tcpContact(connection: 'connect' | 'listen', plainLink: PlainLinkDTO): PeerDTO {
  const waits = connection === 'listen';
  const id = waits ? 'tcp-listen:9000' : 'tcp:10.0.0.7:9999';
  return {
    id,
    nickname: '教学服务器',
    group: '',
    user: '',
    host: waits ? '' : '10.0.0.7',
    address: waits ? '' : '10.0.0.7',
    port: waits ? 9000 : 9999,
    status: plainLink.state === 'connected' ? 'online' : 'offline',
    client: 'tcp',
    version: '',
    lastSeen: 0,
    plain: {
      host: waits ? '' : '10.0.0.7',
      port: waits ? 9000 : 9999,
      encoding: 'utf8',
      localPort: waits ? 9000 : 0,
      protocol: 'tcp',
      connection,
      lineBased: true,
      whenDisconnected: 'queue',
      link: plainLink,
    },
  };
}

const chat = (contact: PeerDTO) =>
  renderWindow({
    hash: `#/chat/${encodeURIComponent(contact.id)}`,
    snapshot: snapshot({ peers: [contact], conversations: [conversation({ peerId: contact.id })] }),
    languageOverride: 'en',
  });

describe('plain TCP contacts in the list', () => {
  it('join the plain contacts’ group, each saying where it is', async () => {
    const waiting = tcpContact('listen', link('waiting'));
    await renderWindow({
      snapshot: snapshot({
        self: { ...snapshot().self, language: 'en' },
        peers: [
          tcpContact('connect', link('connected')),
          { ...waiting, id: 'tcp-listen:9001', plain: { ...waiting.plain!, host: '', port: 9001 } },
        ],
      }),
      languageOverride: 'en',
    });
    await showContacts();
    const list = await screen.findByRole('list', { name: 'Contacts' });
    expect(within(list).getAllByText('Plain contacts')[0]!.className).toBe('contact-group-name');
    const places = within(list)
      .getAllByRole('listitem')
      .map((item) => item.title.split('\n').find((line) => line.startsWith('TCP ')));
    expect(places.sort()).toEqual(['TCP 10.0.0.7:9999', 'TCP :9001']);
    // Two contacts with one name are told apart by where they are, never by an empty "()".
    const names = within(list)
      .getAllByRole('listitem')
      .map((item) => item.title.split('\n')[0]);
    expect(names.sort()).toEqual(['教学服务器 (TCP 10.0.0.7:9999)', '教学服务器 (TCP :9001)']);
  });
});

describe('a plain TCP contact’s chat', () => {
  it('says whom it is connected to, and offers no Reconnect then', async () => {
    await chat(tcpContact('connect', link('connected', { remote: '10.0.0.7:9999' })));
    const bar = await screen.findByRole('region', { name: 'Plain contact' });
    expect(bar.textContent).toContain('TCP');
    expect(bar.textContent).toContain('10.0.0.7:9999');
    expect(bar.textContent).toContain('a newline ends each message');
    expect(bar.textContent).toContain('queues while disconnected');
    expect(within(bar).getByRole('status').textContent).toContain('Connected to 10.0.0.7:9999');
    expect(within(bar).queryByRole('button', { name: 'Reconnect' })).toBeNull();
  });

  it('refused: the reason, what waits, and Reconnect, which asks main at once', async () => {
    const contact = tcpContact(
      'connect',
      link('refused', {
        reason: 'The program refused the connection (nothing listens on that port).',
        retryAt: Date.now() + 4000,
        queued: 2,
      }),
    );
    const { fake } = await chat(contact);
    const bar = await screen.findByRole('region', { name: 'Plain contact' });
    const status = within(bar).getByRole('status').textContent;
    expect(status).toContain('Connection refused');
    expect(status).toContain('nothing listens on that port');
    expect(status).toContain('trying again at');
    expect(status).toContain('2 waiting to be sent');
    const user = userEvent.setup();
    await user.click(within(bar).getByRole('button', { name: 'Reconnect' }));
    expect(fake.api.reconnectPlainContact).toHaveBeenCalledWith({ peerId: contact.id });
    // The answer shows at once: connecting again.
    expect(within(bar).getByRole('status').textContent).toContain('Connecting…');
  });

  it('follows the connection as main reports it: closed by the program, then connected', async () => {
    const contact = tcpContact('connect', link('connecting'));
    const { fake } = await chat(contact);
    const bar = await screen.findByRole('region', { name: 'Plain contact' });
    expect(within(bar).getByRole('status').textContent).toContain('Connecting…');
    await act(async () => {
      fake.emit([
        {
          type: 'peer',
          peer: tcpContact(
            'connect',
            link('closed', { reason: 'The program closed the connection.' }),
          ),
        },
      ]);
    });
    expect(within(bar).getByRole('status').textContent).toContain('Closed by the program');
    await act(async () => {
      fake.emit([
        {
          type: 'peer',
          peer: tcpContact('connect', link('connected', { remote: '10.0.0.7:9999' })),
        },
      ]);
    });
    expect(within(bar).getByRole('status').textContent).toContain('Connected to 10.0.0.7:9999');
  });

  it('waiting: the port it waits on, and who connected once one did', async () => {
    const { fake } = await chat(tcpContact('listen', link('waiting')));
    const bar = await screen.findByRole('region', { name: 'Plain contact' });
    expect(within(bar).getByRole('status').textContent).toBe(
      'Waiting for the program to connect on port 9000',
    );
    // Already listening: Reconnect would do nothing.
    expect(within(bar).queryByRole('button', { name: 'Reconnect' })).toBeNull();
    await act(async () => {
      fake.emit([
        {
          type: 'peer',
          peer: tcpContact('listen', link('connected', { remote: '10.0.0.20:51000' })),
        },
      ]);
    });
    expect(within(bar).getByRole('status').textContent).toContain('Connected to 10.0.0.20:51000');
    await act(async () => {
      fake.emit([{ type: 'peer', peer: tcpContact('listen', link('closed')) }]);
    });
    expect(within(bar).getByRole('status').textContent).toContain(
      'Closed by the program; waiting on port 9000 for it to connect again',
    );
  });

  it('shows why text was refused, and a queued message can be cancelled', async () => {
    const contact = tcpContact('connect', link('refused'));
    const view = await chat(contact);
    await act(async () => {
      view.store.getState().mergeLatestMessages(
        contact.id,
        [
          message({
            id: 'refused-1',
            conversationId: contact.id,
            direction: 'out',
            state: 'failed',
            text: 'hello?',
            error: 'Not sent: not connected to the program. The program refused the connection.',
          }),
          message({
            id: 'queued-1',
            conversationId: contact.id,
            direction: 'out',
            state: 'queued',
            text: 'later',
          }),
        ],
        100,
      );
    });
    const log = await screen.findByRole('log', { name: 'Conversation' });
    // In words on screen, not only in a tooltip.
    expect(within(log).getByText(/Not sent: not connected to the program/)).toBeTruthy();
    expect(within(log).getByRole('button', { name: 'Resend' })).toBeTruthy();
    const user = userEvent.setup();
    await user.click(within(log).getByRole('button', { name: 'Cancel' }));
    expect(view.fake.api.cancelMessage).toHaveBeenCalledWith({ messageId: 'queued-1' });
  });
});
