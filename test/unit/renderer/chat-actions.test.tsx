// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withFakeLayout } from './support/fake-layout';
import { message, peer, snapshot } from './support/fixtures';
import { renderWindow } from './support/render-window';

withFakeLayout();
afterEach(() => {
  vi.restoreAllMocks();
});

const alice = peer({ nickname: 'Alice', status: 'offline' });

async function chatWith(messages: ReturnType<typeof message>[], language: 'en' | 'zh-CN' = 'en') {
  const view = await renderWindow({
    hash: `#/chat/${alice.id}`,
    snapshot: snapshot({ peers: [alice] }),
    languageOverride: language,
  });
  await act(async () => {
    view.store.getState().mergeLatestMessages(alice.id, messages, 100);
  });
  const log = await screen.findByRole('log', { name: language === 'en' ? 'Conversation' : '会话' });
  return { ...view, log };
}

describe('a message waiting for an offline peer', () => {
  const queued = message({ id: 'q1', direction: 'out', state: 'queued', text: 'later', at: 1_000 });

  it('reads “Queued” with a clock, not as a failure, and can be cancelled', async () => {
    const { log, fake } = await chatWith([queued]);
    const state = within(log).getByText('Queued');
    expect(state.querySelector('svg')).toBeTruthy();
    expect(state.closest('.message-state')?.classList.contains('state-failed')).toBe(false);
    expect(within(log).queryByText('Failed')).toBeNull();

    await userEvent.click(within(log).getByRole('button', { name: 'Cancel' }));
    expect(fake.api.cancelMessage).toHaveBeenCalledWith({ messageId: 'q1' });
    // Main's answer replaces the message: cancelled, shown muted, nothing left to cancel.
    const cancelled = await within(log).findByText('Cancelled');
    expect(cancelled.closest('.message')?.classList.contains('message-cancelled')).toBe(true);
    expect(within(log).queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(within(log).queryByText('Queued')).toBeNull();
  });

  it('follows the message when it goes out by itself', async () => {
    const { log, fake } = await chatWith([queued]);
    act(() => fake.emit([{ type: 'message', message: { ...queued, state: 'delivered' } }]));
    expect(within(log).getByText('Delivered')).toBeTruthy();
    expect(within(log).queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('says why a cancel failed', async () => {
    const { log, fake } = await chatWith([queued]);
    fake.api.cancelMessage.mockRejectedValueOnce(new Error('It has already been sent'));
    await userEvent.click(within(log).getByRole('button', { name: 'Cancel' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not cancel: It has already been sent',
    );
    expect(within(log).getByText('Queued')).toBeTruthy();
  });

  it('speaks Chinese: 待发送, 取消发送, 已取消', async () => {
    const { log } = await chatWith(
      [queued, message({ id: 'c1', direction: 'out', state: 'cancelled', at: 2_000 })],
      'zh-CN',
    );
    expect(within(log).getByText('待发送')).toBeTruthy();
    expect(within(log).getByRole('button', { name: '取消发送' })).toBeTruthy();
    expect(within(log).getByText('已取消')).toBeTruthy();
  });
});

describe('exporting a conversation', () => {
  /** Catch what the browser would download: the blob and the link clicked. */
  function catchDownloads() {
    const blobs: Blob[] = [];
    const links: { download: string; href: string }[] = [];
    Object.assign(URL, {
      createObjectURL: vi.fn((blob: Blob) => {
        blobs.push(blob);
        return `blob:pigeon/${blobs.length}`;
      }),
      revokeObjectURL: vi.fn(),
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      links.push({ download: this.download, href: this.href });
    });
    return { blobs, links };
  }

  it('downloads the text export under main’s file name', async () => {
    const { fake } = await chatWith([message({ id: 'm1', at: 1_000 })]);
    const { blobs, links } = catchDownloads();
    const user = userEvent.setup();
    const toggle = screen.getByRole('button', { name: 'Export' });
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Export as text' }));
    expect(fake.api.exportConversation).toHaveBeenCalledWith({
      conversationId: alice.id,
      format: 'text',
    });
    await vi.waitFor(() =>
      expect(links).toEqual([{ download: 'alice@lan-pc.txt', href: 'blob:pigeon/1' }]),
    );
    expect(await blobs[0]?.text()).toBe('hello\n');
    expect(blobs[0]?.type).toBe('text/plain;charset=utf-8');
    // Done: the menu closes and focus goes back to its button; the link is gone.
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
    expect(document.querySelector('a[download]')).toBeNull();
  });

  it('downloads JSON, and keeps a hostile file name to a plain name', async () => {
    const { fake } = await chatWith([], 'zh-CN');
    fake.api.exportConversation.mockResolvedValueOnce({
      fileName: '../../.ssh/authorized_keys<script>.json',
      mimeType: 'application/json',
      content: '{"messages":[]}',
    });
    const { blobs, links } = catchDownloads();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '导出' }));
    await user.click(screen.getByRole('button', { name: '导出为 JSON' }));
    expect(fake.api.exportConversation).toHaveBeenCalledWith({
      conversationId: alice.id,
      format: 'json',
    });
    await vi.waitFor(() => expect(links).toHaveLength(1));
    expect(links[0]?.download).toBe('authorized_keys_script_.json');
    expect(blobs[0]?.type).toBe('application/json');
  });

  it('says why an export failed', async () => {
    const { fake } = await chatWith([]);
    fake.api.exportConversation.mockRejectedValueOnce(new Error('The disk is full'));
    const { links } = catchDownloads();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(screen.getByRole('button', { name: 'Export as text' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not export: The disk is full',
    );
    expect(links).toEqual([]);
  });
});
