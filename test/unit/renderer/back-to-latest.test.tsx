// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { firstUnread } from '../../../src-renderer/hooks/use-first-unread';
import { conversationOf, pagesOf } from './support/fake-history';
import { scrollLogTo, withFakeLayout } from './support/fake-layout';
import { conversation, message, peer, snapshot } from './support/fixtures';
import { renderWindow } from './support/render-window';

// A 600 px log of 60 px rows: ten rows in view.
withFakeLayout({ scrolling: true });

const alice = peer({ nickname: 'Alice', client: 'pigeon' });

async function openChat(count: number, unread = 0, language: 'en' | 'zh-CN' = 'en') {
  const history = conversationOf(count, alice.id);
  const view = await renderWindow({
    hash: `#/chat/${alice.id}`,
    snapshot: snapshot({
      peers: [alice],
      conversations: [conversation({ peerId: alice.id, unread })],
    }),
    languageOverride: language,
    prepare: (fake) => fake.api.listMessages.mockImplementation(pagesOf(history)),
  });
  const log = await screen.findByRole('log', { name: language === 'en' ? 'Conversation' : '会话' });
  await vi.waitFor(() => expect(log.querySelectorAll('article').length).toBeGreaterThan(0));
  return { ...view, log };
}

const arrive = (id: string, at: number) => ({
  type: 'message' as const,
  message: message({ id, conversationId: alice.id, text: id, at }),
});

describe('"Back to the latest" after scrolling up', () => {
  it('appears once the reader leaves the end, counts what arrives, and brings them back', async () => {
    const { log, fake } = await openChat(40);
    expect(screen.queryByRole('button', { name: /Back to the latest/ })).toBeNull();
    await act(async () => scrollLogTo(log, 0));
    const button = await screen.findByRole('button', { name: 'Back to the latest' });
    expect(button).toBeTruthy();

    await act(async () => {
      fake.emit([arrive('n1', 1_800_000_000_000), arrive('n2', 1_800_000_001_000)]);
    });
    await act(async () => fake.emit([arrive('n3', 1_800_000_002_000)]));
    expect(
      screen.getByRole('button', { name: 'Back to the latest: 3 new messages' }).textContent,
    ).toContain('3');
    // Still where the reader left it: nothing pulled them down.
    expect(log.scrollTop).toBe(0);

    await userEvent.click(screen.getByRole('button', { name: /Back to the latest/ }));
    await vi.waitFor(() => expect(log.scrollTop).toBe(log.scrollHeight - 600));
    await act(async () => scrollLogTo(log, log.scrollTop));
    expect(screen.queryByRole('button', { name: /Back to the latest/ })).toBeNull();
  });

  it('is named in Chinese too', async () => {
    const { log, fake } = await openChat(40, 0, 'zh-CN');
    await act(async () => scrollLogTo(log, 0));
    await act(async () => fake.emit([arrive('n1', 1_800_000_000_000)]));
    expect(await screen.findByRole('button', { name: '回到最新：1 条新消息' })).toBeTruthy();
  });
});

describe('the first unread marker', () => {
  it('sits above the oldest unread message of a long backlog, which the window opens at', async () => {
    const { log } = await openChat(40, 25);
    const marker = await within(log).findByRole('separator', { name: 'Unread messages' });
    // m15 is the 25th message from the end.
    expect(marker.nextElementSibling?.getAttribute('data-message-id') ?? '').toBe('m15');
    expect(within(log).getAllByRole('separator', { name: 'Unread messages' })).toHaveLength(1);
    // Opened there, not at the end: the way back counts it and the 24 below it.
    await vi.waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Back to the latest: 25 new messages' }),
      ).toBeTruthy(),
    );
  });

  it('is absent when nothing was unread, and a short backlog opens at the end', async () => {
    const quiet = await openChat(40, 0);
    expect(within(quiet.log).queryByRole('separator')).toBeNull();
    quiet.unmount();
    const { log } = await openChat(40, 3, 'zh-CN');
    expect(await within(log).findByRole('separator', { name: '以下为新消息' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /回到最新/ })).toBeNull();
  });

  it('counts back over received messages only', () => {
    const ids = ['a', 'b', 'c', 'd'];
    const byId = new Map([
      ['a', message({ id: 'a' })],
      ['b', message({ id: 'b' })],
      ['c', message({ id: 'c', direction: 'out', state: 'delivered' })],
      ['d', message({ id: 'd' })],
    ]);
    expect(firstUnread(ids, byId, 2)).toBe('b');
    expect(firstUnread(ids, byId, 9)).toBe('a');
    expect(firstUnread(ids, byId, 0)).toBeUndefined();
  });
});
