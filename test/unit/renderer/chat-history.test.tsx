// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { MESSAGE_PAGE_SIZE } from '../../../src-renderer/bridge/session';
import { conversationOf, pagesOf } from './support/fake-history';
import { scrollLogTo, withFakeLayout } from './support/fake-layout';
import { message, peer, snapshot } from './support/fixtures';
import { renderWindow } from './support/render-window';

withFakeLayout({ scrolling: true });

const alice = peer({ nickname: 'Alice' });
const history = conversationOf(250, alice.id);

/** A chat window whose api answers listMessages from `pages` from the first request on. */
async function openChatWith(
  pages: ReturnType<typeof pagesOf>,
  hash = `#/chat/${alice.id}`,
  language: 'en' | 'zh-CN' = 'en',
) {
  const view = await renderWindow({
    hash,
    snapshot: snapshot({ peers: [alice] }),
    languageOverride: language,
    prepare: (fake) => fake.api.listMessages.mockImplementation(pages),
  });
  const log = await screen.findByRole('log', { name: language === 'en' ? 'Conversation' : '会话' });
  return { ...view, log };
}

const shownIds = (log: HTMLElement) =>
  within(log)
    .queryAllByRole('article')
    .map((article) => article.dataset.messageId);
const loadedIds = (view: Awaited<ReturnType<typeof openChatWith>>) =>
  view.store.getState().messages.get(alice.id)?.ids ?? [];

describe('scrolling back through history', () => {
  it('loads the page before the oldest message as the reader nears the top, keeping their place', async () => {
    const view = await openChatWith(pagesOf(history));
    const { log, fake } = view;
    await vi.waitFor(() => expect(loadedIds(view)).toHaveLength(100));
    expect(fake.api.listMessages).toHaveBeenCalledTimes(1);
    // Opened at the bottom: the newest messages are in view.
    expect(shownIds(log)).toContain('m249');

    // Up to the third row from the top: within a screen of the start.
    await act(async () => scrollLogTo(log, 180));
    expect(fake.api.listMessages).toHaveBeenLastCalledWith({
      conversationId: alice.id,
      before: 'm150',
      limit: MESSAGE_PAGE_SIZE,
    });
    await vi.waitFor(() => expect(loadedIds(view)).toHaveLength(200));
    const ids = loadedIds(view);
    expect(ids[0]).toBe('m50');
    expect(ids.at(-1)).toBe('m249'); // what was loaded stays
    // The rows added above pushed the reader down by their height: the same messages
    // are still in view, not the new oldest ones.
    expect(log.scrollTop).toBeGreaterThan(100 * 50);
    expect(shownIds(log)).toContain('m153');
    expect(shownIds(log)).not.toContain('m50');
  });

  it('stops asking once a page comes back short, and never asks for more than a page', async () => {
    const view = await openChatWith(pagesOf(history));
    const { log, fake } = view;
    await vi.waitFor(() => expect(loadedIds(view)).toHaveLength(100));
    await act(async () => scrollLogTo(log, 0));
    await vi.waitFor(() => expect(loadedIds(view)).toHaveLength(200));
    await act(async () => scrollLogTo(log, 0));
    await vi.waitFor(() => expect(loadedIds(view)).toHaveLength(250));
    expect(fake.api.listMessages).toHaveBeenLastCalledWith({
      conversationId: alice.id,
      before: 'm50',
      limit: MESSAGE_PAGE_SIZE,
    });
    await act(async () => scrollLogTo(log, 10));
    await act(async () => scrollLogTo(log, 0));
    expect(fake.api.listMessages).toHaveBeenCalledTimes(3);
    for (const [request] of fake.api.listMessages.mock.calls) {
      expect(request?.limit).toBe(MESSAGE_PAGE_SIZE);
    }
    expect(screen.queryByRole('button', { name: 'Show earlier messages' })).toBeNull();
  });

  it('keeps “Show earlier messages” at the top as a button for the keyboard', async () => {
    const view = await openChatWith(pagesOf(history));
    await vi.waitFor(() => expect(loadedIds(view)).toHaveLength(100));
    // Failing once, scrolling does not retry at once: the button is the way.
    view.fake.api.listMessages.mockRejectedValueOnce(new Error('Pigeon is busy'));
    await act(async () => scrollLogTo(view.log, 0));
    expect(await screen.findByText(/Could not load the messages: Pigeon is busy/)).toBeTruthy();
    const button = screen.getByRole('button', { name: 'Show earlier messages' });
    await userEvent.click(button);
    await vi.waitFor(() => expect(loadedIds(view)).toHaveLength(200));
    expect(view.fake.api.listMessages).toHaveBeenLastCalledWith({
      conversationId: alice.id,
      before: 'm150',
      limit: MESSAGE_PAGE_SIZE,
    });
  });
});

describe('opening a conversation at a search hit', () => {
  const atHit = `#/chat/${encodeURIComponent(alice.id)}?message=m120`;

  it('asks for the page around the hit, shows it lit, then pages down to the latest', async () => {
    const view = await openChatWith(pagesOf(history), atHit);
    const { log, fake } = view;
    await vi.waitFor(() => expect(loadedIds(view)).toHaveLength(100));
    expect(fake.api.listMessages).toHaveBeenCalledWith({
      conversationId: alice.id,
      around: 'm120',
      limit: MESSAGE_PAGE_SIZE,
    });
    expect(fake.api.listMessages).toHaveBeenCalledTimes(1);
    expect(loadedIds(view)[0]).toBe('m71');
    const hit = await vi.waitFor(() => {
      const found = log.querySelector('[data-message-id="m120"]');
      if (!found) throw new Error('the hit is not in view');
      return found;
    });
    expect(hit.classList.contains('message-hit')).toBe(true);
    expect(log.querySelectorAll('.message-hit')).toHaveLength(1);
    // Not following the end: newer messages exist, and a button goes back to them.
    expect(screen.getByRole('button', { name: 'Latest messages' })).toBeTruthy();

    // Messages arriving now are past what is loaded: they wait for paging.
    act(() =>
      fake.emit([{ type: 'message', message: message({ id: 'new', at: 1_800_000_000_000 }) }]),
    );
    expect(loadedIds(view)).not.toContain('new');

    await act(async () => scrollLogTo(log, log.scrollHeight));
    expect(fake.api.listMessages).toHaveBeenLastCalledWith({
      conversationId: alice.id,
      after: 'm170',
      limit: MESSAGE_PAGE_SIZE,
    });
    await vi.waitFor(() => expect(loadedIds(view).at(-1)).toBe('m249'));
    expect(loadedIds(view)[0]).toBe('m71');
    // The short page was the latest: the window follows new messages again.
    expect(screen.queryByRole('button', { name: 'Latest messages' })).toBeNull();
    act(() =>
      fake.emit([{ type: 'message', message: message({ id: 'new', at: 1_800_000_000_000 }) }]),
    );
    expect(loadedIds(view).at(-1)).toBe('new');
  });

  it('offers no way back to the latest when the whole conversation is in view', async () => {
    const short = conversationOf(4, alice.id);
    const view = await openChatWith(
      pagesOf(short),
      `#/chat/${encodeURIComponent(alice.id)}?message=m1`,
    );
    const { log } = view;
    const hit = await vi.waitFor(() => {
      const found = log.querySelector('[data-message-id="m1"].message-hit');
      if (!found) throw new Error('the hit is not lit');
      return found;
    });
    expect(hit).toBeTruthy();
    // Four rows in a log that holds ten: nothing is below, so nothing to go back to.
    expect(log.querySelector('[data-message-id="m3"]')).toBeTruthy();
    await act(async () => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(screen.queryByRole('button', { name: /Back to the latest|Latest messages/ })).toBeNull();

    // Once more arrive than fit, they are below the reader, and counted.
    act(() =>
      view.fake.emit(
        Array.from({ length: 8 }, (_, i) => ({
          type: 'message' as const,
          message: message({ id: `new${i}`, at: 1_800_000_000_000 + i }),
        })),
      ),
    );
    expect(
      await screen.findByRole('button', { name: 'Back to the latest: 8 new messages' }),
    ).toBeTruthy();
  });

  it('goes back to the latest page from the button', async () => {
    const view = await openChatWith(pagesOf(history), atHit, 'zh-CN');
    await vi.waitFor(() => expect(loadedIds(view)).toHaveLength(100));
    await userEvent.click(await screen.findByRole('button', { name: '回到最新消息' }));
    await vi.waitFor(() => expect(loadedIds(view)[0]).toBe('m150'));
    expect(loadedIds(view).at(-1)).toBe('m249');
    expect(view.fake.api.listMessages).toHaveBeenLastCalledWith({
      conversationId: alice.id,
      limit: MESSAGE_PAGE_SIZE,
    });
  });

  it('goes back to the latest page when a message is sent from the old stretch', async () => {
    const view = await openChatWith(pagesOf(history), atHit);
    await vi.waitFor(() => expect(loadedIds(view)).toHaveLength(100));
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'back to now{Enter}');
    expect(view.fake.api.sendMessage).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(loadedIds(view).at(-1)).toBe('m249'));
    expect(view.fake.api.listMessages).toHaveBeenLastCalledWith({
      conversationId: alice.id,
      limit: MESSAGE_PAGE_SIZE,
    });
  });
});
