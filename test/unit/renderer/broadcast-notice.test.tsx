// @vitest-environment jsdom
// A broadcast notice to everyone online, started from the main window's 群发 dialog
// ("Everyone online") rather than only from an existing "Everyone (broadcast)" chat.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { peer, snapshot } from './support/fixtures';
import { showContacts } from './support/main-tabs';
import { renderWindow } from './support/render-window';

afterEach(cleanup);

const peers = [peer({ nickname: 'Yan', group: 'Sales' }), peer({ nickname: 'Loner', group: '' })];
const english = snapshot({ self: { ...snapshot().self, language: 'en' }, peers });

describe('a broadcast notice from the main window', { timeout: 30_000 }, () => {
  it('sends one notice to everyone online, with no contact to tick', async () => {
    const { fake } = await renderWindow({ snapshot: english });
    await showContacts();
    await userEvent.click(screen.getByRole('button', { name: 'Send to several' }));
    const dialog = screen.getByRole('dialog', { name: 'Send to several' });

    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Everyone online (a broadcast notice)' }),
    );
    // Everyone means no one in particular: the contacts give way, and the intro says so.
    expect(within(dialog).queryByRole('checkbox', { name: 'Yan' })).toBeNull();
    expect(within(dialog).getByText(/no one offline gets it later/)).toBeTruthy();
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Message' }), {
      target: { value: '下午三点停电' },
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send' }));

    expect(fake.api.sendBroadcast).toHaveBeenCalledWith({ text: '下午三点停电' });
    expect(fake.api.sendToSeveral).not.toHaveBeenCalled();
    const result = await screen.findByRole('dialog', { name: 'Notice to everyone online' });
    expect(within(result).getByRole('status').textContent).toBe(
      'Sent to everyone online. It is kept in “Everyone (broadcast)”.',
    );
  });

  it('says so in Chinese when nobody is online, and still asks for a text first', async () => {
    const { fake } = await renderWindow({
      snapshot: { ...english, self: { ...english.self, language: 'zh-CN' } },
    });
    fake.api.sendBroadcast.mockImplementationOnce(async (request) => [
      {
        id: 'notice-1',
        conversationId: 'group:broadcast',
        direction: 'out',
        text: request?.text ?? '',
        state: 'failed',
        error: 'No member of this group is online.',
        at: 1_700_000_000_000,
      },
    ]);
    await showContacts();
    await userEvent.click(screen.getByRole('button', { name: '群发' }));
    const dialog = screen.getByRole('dialog', { name: '群发' });
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: '所有在线的人（广播通知）' }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: '发送' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('请先写下消息。');
    expect(fake.api.sendBroadcast).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByRole('textbox', { name: '消息' }), {
      target: { value: '通知' },
    });
    await userEvent.click(within(dialog).getByRole('button', { name: '发送' }));
    const result = await screen.findByRole('dialog', { name: '发给所有在线的人的通知' });
    expect(within(result).getByRole('status').textContent).toBe('未发送：没有人在线。');
  });
});
