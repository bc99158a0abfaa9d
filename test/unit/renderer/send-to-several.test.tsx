// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageDTO } from '../../../src-shared/contract';
import { peer, snapshot } from './support/fixtures';
import { showContacts } from './support/main-tabs';
import { renderWindow } from './support/render-window';

afterEach(cleanup);

const peers = [
  peer({ nickname: 'Yan', group: 'Sales' }),
  peer({ nickname: 'Bob', group: 'Sales', status: 'offline' }),
  peer({ nickname: 'Loner', group: '' }),
];
const english = snapshot({ self: { ...snapshot().self, language: 'en' }, peers });

async function openDialog() {
  await showContacts();
  await userEvent.click(screen.getByRole('button', { name: 'Send to several' }));
  return screen.getByRole('dialog', { name: 'Send to several' });
}

describe('send to several (群发)', { timeout: 30_000 }, () => {
  it('sends one text to the contacts ticked, a whole group at once, and shows each copy', async () => {
    const { fake } = await renderWindow({ snapshot: english });
    const dialog = await openDialog();

    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Whole group Sales' }));
    expect(within(dialog).getByRole('checkbox', { name: 'Yan' })).toHaveProperty('checked', true);
    expect(within(dialog).getByRole('checkbox', { name: 'Bob' })).toHaveProperty('checked', true);
    expect(within(dialog).getByRole('checkbox', { name: 'Loner' })).toHaveProperty(
      'checked',
      false,
    );
    // Unticking one member leaves the group partly ticked.
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Yan' }));
    const whole = within(dialog).getByRole<HTMLInputElement>('checkbox', {
      name: 'Whole group Sales',
    });
    expect(whole.indeterminate).toBe(true);
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Yan' }));
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Loner' }));

    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Message' }), {
      target: { value: '开会了' },
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send' }));

    expect(fake.api.sendToSeveral).toHaveBeenCalledWith({
      peerIds: expect.arrayContaining(['yan@lan-pc', 'bob@lan-pc', 'loner@lan-pc']) as string[],
      text: '开会了',
    });
    const results = await screen.findByRole('list', { name: 'Delivery to each contact' });
    expect(within(results).getAllByRole('listitem')).toHaveLength(3);
    expect(within(results).getByText('Yan').nextSibling?.textContent).toBe('Sending…');

    // Each copy's own delivery follows it: Yan's is confirmed, Bob's waits for Bob.
    const copies = fake.api.sendToSeveral.mock.results[0]?.value as Promise<
      { peerId: string; messages: MessageDTO[] }[]
    >;
    const [first, second] = await copies;
    const settle = (copy: typeof first, state: MessageDTO['state']) => {
      const message = { ...copy!.messages[0]!, state };
      const conversation = { id: copy!.peerId, peerId: copy!.peerId, unread: 0 };
      fake.emit([
        { type: 'conversation', conversation: { ...conversation, lastMessage: message } },
      ]);
    };
    await act(async () => {
      settle(first?.peerId === 'yan@lan-pc' ? first : second, 'delivered');
      settle(first?.peerId === 'bob@lan-pc' ? first : second, 'queued');
    });
    expect(within(results).getByText('Yan').nextSibling?.textContent).toBe('Delivered');
    expect(within(results).getByText('Bob').nextSibling?.textContent).toBe(
      'Waiting: offline, sent when they return',
    );
  });

  it('takes the focus when it opens, so Escape closes it at once', async () => {
    await renderWindow({ snapshot: english });
    const dialog = await openDialog();
    expect(dialog.contains(document.activeElement)).toBe(true);
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('asks for a contact and a text before sending, and says so in Chinese', async () => {
    const { fake } = await renderWindow({
      snapshot: { ...english, self: { ...english.self, language: 'zh-CN' } },
    });
    await showContacts();
    await userEvent.click(screen.getByRole('button', { name: '群发' }));
    const dialog = screen.getByRole('dialog', { name: '群发' });
    await userEvent.click(within(dialog).getByRole('button', { name: '发送' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('请至少勾选一位联系人。');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Yan' }));
    await userEvent.click(within(dialog).getByRole('button', { name: '发送' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('请先写下消息。');
    expect(within(dialog).getByRole('textbox', { name: '消息' })).toBeTruthy();
    expect(fake.api.sendToSeveral).not.toHaveBeenCalled();
  });
});
