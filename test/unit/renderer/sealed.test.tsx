// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessageDTO } from '../../../src-shared/contract';
import { withFakeLayout } from './support/fake-layout';
import { message, peer, snapshot } from './support/fixtures';
import { renderWindow } from './support/render-window';

withFakeLayout();
afterEach(() => {
  vi.restoreAllMocks();
});

const alice = peer({ nickname: 'Alice' });

async function chatWith(messages: MessageDTO[], language: 'en' | 'zh-CN' = 'en') {
  const view = await renderWindow({
    hash: `#/chat/${alice.id}`,
    snapshot: snapshot({ peers: [alice] }),
    languageOverride: language,
  });
  await act(async () => {
    view.store.getState().mergeLatestMessages(alice.id, messages, 100);
  });
  const log = await screen.findByRole('log', { name: language === 'en' ? 'Conversation' : '会话' });
  return { ...view, log, user: userEvent.setup() };
}

describe('sending sealed', () => {
  it('“Seal” seals the next message only, and the sent one is marked Sealed', async () => {
    const { fake, log, user } = await chatWith([]);
    fake.api.sendMessage.mockImplementation(async (request) => [
      message({
        id: `sent-${request?.text}`,
        direction: 'out',
        state: 'sending',
        text: request?.text ?? '',
        ...(request?.sealed ? { sealed: true } : {}),
      }),
    ]);
    const seal = screen.getByRole('button', { name: 'Seal' });
    expect(seal.getAttribute('aria-pressed')).toBe('false');
    await user.click(seal);
    expect(seal.getAttribute('aria-pressed')).toBe('true');

    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, 'the code is 4711{Enter}');
    expect(fake.api.sendMessage).toHaveBeenLastCalledWith({
      conversationId: alice.id,
      text: 'the code is 4711',
      sealed: true,
    });
    await within(log).findByText('the code is 4711');
    expect(within(log).getByText('Sealed')).toBeTruthy();
    // Pressed for one message: the next goes out plain.
    expect(seal.getAttribute('aria-pressed')).toBe('false');
    await user.type(box, 'plain again{Enter}');
    expect(fake.api.sendMessage).toHaveBeenLastCalledWith({
      conversationId: alice.id,
      text: 'plain again',
    });
    await within(log).findByText('plain again');
    expect(within(log).getAllByText('Sealed')).toHaveLength(1);
  });

  it('turns the mark into “Read” when the peer opens it, with the time in the title', async () => {
    const out = message({
      id: 'o1',
      direction: 'out',
      state: 'delivered',
      text: 'for Alice only',
      sealed: true,
    });
    const { fake, log } = await chatWith([out]);
    expect(within(log).getByText('Sealed')).toBeTruthy();
    expect(within(log).queryByText('Read')).toBeNull();
    const readAt = Date.UTC(2026, 10, 22, 6, 30, 0);
    act(() => fake.emit([{ type: 'message', message: { ...out, readAt } }]));
    const read = within(log).getByText('Read');
    expect(read.getAttribute('title')).toMatch(/^Opened .*2026/);
    expect(within(log).queryByText('Sealed')).toBeNull();
  });

  it('speaks Chinese: 密封 and 已读', async () => {
    const out = message({
      id: 'o2',
      direction: 'out',
      state: 'delivered',
      text: 'x',
      sealed: true,
    });
    const { fake, log } = await chatWith([out], 'zh-CN');
    expect(screen.getByRole('button', { name: '密封' }).getAttribute('aria-pressed')).toBe('false');
    act(() => fake.emit([{ type: 'message', message: { ...out, readAt: 1_700_000_000_000 } }]));
    expect(within(log).getByText('已读')).toBeTruthy();
  });
});

describe('a plain UDP contact', () => {
  it('offers no “Seal”: such a program cannot open a sealed message', async () => {
    const device = peer({ nickname: 'Sensor', id: 'udp:10.0.0.5:7000', client: 'udp' });
    await renderWindow({
      hash: `#/chat/${device.id}`,
      snapshot: snapshot({ peers: [device] }),
      languageOverride: 'en',
    });
    await screen.findByRole('textbox', { name: 'Message' });
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Seal' })).toBeNull();
  });
});

describe('a sealed message from the peer', () => {
  const sealedIn = message({ id: 's1', direction: 'in', text: '', sealed: true });

  it('shows no text, only “Open sealed message”; opening shows the text', async () => {
    const { fake, log, user } = await chatWith([sealedIn]);
    fake.api.openSealed.mockResolvedValueOnce({
      ...sealedIn,
      text: 'salaries are attached',
      readAt: 1_700_000_200_000,
    });
    expect(within(log).getByText('Sealed message')).toBeTruthy();
    const open = within(log).getByRole('button', { name: 'Open sealed message' });
    await user.click(open);
    expect(fake.api.openSealed).toHaveBeenCalledWith({ messageId: 's1' });
    await within(log).findByText('salaries are attached');
    expect(within(log).queryByRole('button', { name: 'Open sealed message' })).toBeNull();
  });

  it('says why it could not be opened, and can be tried again', async () => {
    const { fake, log, user } = await chatWith([sealedIn]);
    fake.api.openSealed.mockRejectedValueOnce(new Error('There is no such sealed message.'));
    await user.click(within(log).getByRole('button', { name: 'Open sealed message' }));
    expect((await within(log).findByRole('alert')).textContent).toMatch(/Could not open it/);
    await user.click(within(log).getByRole('button', { name: 'Open sealed message' }));
    await within(log).findByText('sealed text');
  });

  it('is announced without its text, in Chinese as 拆封消息', async () => {
    const { fake, log } = await chatWith([], 'zh-CN');
    act(() =>
      fake.emit([{ type: 'message', message: { ...sealedIn, id: 's2', at: 1_800_000_000_000 } }]),
    );
    expect(await within(log).findByRole('button', { name: '拆封消息' })).toBeTruthy();
    expect(screen.getByText('Alice 发来一条密封消息')).toBeTruthy();
  });
});
