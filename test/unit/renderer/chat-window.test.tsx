// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { conversation, message, peer, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { renderWindow } from './support/render-window';

withFakeLayout();

const alice = peer({ nickname: 'Alice', client: 'iptux', address: '192.168.1.42' });
const base = snapshot({
  peers: [alice],
  conversations: [conversation({ peerId: alice.id, unread: 2 })],
});

function openChat() {
  return renderWindow({
    hash: `#/chat/${encodeURIComponent(alice.id)}`,
    snapshot: base,
    languageOverride: 'en',
  });
}

describe('the chat window', () => {
  it('shows who the chat is with and marks the conversation read on opening', async () => {
    const { fake } = await openChat();
    expect(await screen.findByRole('heading', { name: 'Alice' })).toBeTruthy();
    const banner = screen.getByRole('banner');
    expect(banner.textContent).toContain('Online');
    expect(banner.textContent).toContain('iptux');
    expect(banner.textContent).toContain('192.168.1.42');
    await vi.waitFor(() =>
      expect(fake.api.markRead).toHaveBeenCalledWith({ conversationId: alice.id }),
    );
    expect(document.title).toBe('Alice — Pigeon');
  });

  it('marks read again when the window gains focus', async () => {
    const { fake } = await openChat();
    await vi.waitFor(() => expect(fake.api.markRead).toHaveBeenCalled());
    const calls = fake.api.markRead.mock.calls.length;
    await act(async () => {
      window.dispatchEvent(new Event('focus'));
    });
    expect(fake.api.markRead.mock.calls.length).toBe(calls + 1);
  });
});

describe('the conversation log', () => {
  async function withMessages(
    messages: ReturnType<typeof message>[],
    language: 'en' | 'zh-CN' = 'en',
  ) {
    const view = await renderWindow({
      hash: `#/chat/${alice.id}`,
      snapshot: base,
      languageOverride: language,
    });
    await act(async () => {
      view.store.getState().mergeLatestMessages(alice.id, messages, 100);
    });
    const log = await screen.findByRole('log', {
      name: language === 'en' ? 'Conversation' : '会话',
    });
    return { ...view, log };
  }

  it('shows peer text as text, with its newlines, never as HTML', async () => {
    const { log } = await withMessages([
      message({ id: 'm1', text: '<img src=x onerror=alert(1)>\nsecond line', at: 1_000 }),
    ]);
    expect(log.querySelector('img')).toBeNull();
    const text = within(log).getByText(/onerror/);
    expect(text.textContent).toBe('<img src=x onerror=alert(1)>\nsecond line');
  });

  it('shows the state of my messages in words', async () => {
    const { log } = await withMessages([
      message({ id: 'm1', direction: 'out', state: 'sending', at: 1_000 }),
      message({ id: 'm2', direction: 'out', state: 'delivered', at: 2_000 }),
    ]);
    expect(within(log).getByText('Sending')).toBeTruthy();
    expect(within(log).getByText('Delivered')).toBeTruthy();
    expect(within(log).getAllByRole('article')).toHaveLength(2);
  });

  it('offers Resend on a failed message, with the reason in its title', async () => {
    const { log, fake } = await withMessages([
      message({
        id: 'm9',
        direction: 'out',
        state: 'failed',
        error: 'No answer from Alice',
        at: 1_000,
      }),
    ]);
    const failed = within(log).getByText('Failed');
    expect(failed.getAttribute('title')).toBe('No answer from Alice');
    await userEvent.click(within(log).getByRole('button', { name: 'Resend' }));
    expect(fake.api.resendMessage).toHaveBeenCalledWith({ messageId: 'm9' });
    // The answer replaces the message: it is sending again and Resend is gone.
    expect(await within(log).findByText('Sending')).toBeTruthy();
    expect(within(log).queryByRole('button', { name: 'Resend' })).toBeNull();
  });

  it('adds messages that arrive as events, in order', async () => {
    const { log, fake } = await withMessages([message({ id: 'm1', text: 'first', at: 1_000 })]);
    act(() => {
      fake.emit([
        { type: 'message', message: message({ id: 'm3', text: 'third', at: 3_000 }) },
        { type: 'message', message: message({ id: 'm2', text: 'second', at: 2_000 }) },
      ]);
    });
    const texts = within(log)
      .getAllByRole('article')
      .map((article) => article.querySelector('.message-text')?.textContent);
    expect(texts).toEqual(['first', 'second', 'third']);
  });

  it('draws only the rows in view of a long history', async () => {
    const history = Array.from({ length: 500 }, (_, i) =>
      message({ id: `m${i}`, text: `message ${i}`, at: 1_000 + i * 1_000 }),
    );
    const { log } = await withMessages(history);
    const drawn = within(log).getAllByRole('article').length;
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(40);
  });

  it('groups time stamps: one for messages close together, another after a pause', async () => {
    const at = new Date(2024, 0, 2, 9, 30).getTime();
    const { log } = await withMessages([
      message({ id: 'm1', at }),
      message({ id: 'm2', at: at + 60_000 }),
      message({ id: 'm3', at: at + 20 * 60_000 }),
    ]);
    expect(log.querySelectorAll('time')).toHaveLength(2);
  });

  it('speaks Chinese by default', async () => {
    const { log } = await withMessages(
      [message({ id: 'm1', direction: 'out', state: 'failed', at: 1_000 })],
      'zh-CN',
    );
    expect(within(log).getByText('发送失败')).toBeTruthy();
    expect(within(log).getByRole('button', { name: '重发' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '发送' })).toBeTruthy();
  });
});
