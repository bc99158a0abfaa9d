// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { groupNoticeText, type SearchHitDTO } from '../../../src-shared/contract';
import { SEARCH_DEBOUNCE_MS } from '../../../src-renderer/hooks/use-message-search';
import { conversation, message, peer, self, snapshot } from './support/fixtures';
import { renderWindow } from './support/render-window';

afterEach(cleanup);

const alice = peer({ nickname: 'Alice' });
const bob = peer({ nickname: 'Bob' });
const base = snapshot({
  self: { ...self, language: 'en' },
  peers: [alice, bob],
  conversations: [conversation({ peerId: alice.id }), conversation({ peerId: bob.id })],
});
const at = new Date(2024, 4, 6, 15, 4).getTime();

const hits: SearchHitDTO[] = [
  {
    message: message({ id: 'm7', conversationId: alice.id, at, text: 'x' }),
    snippet: '<img src=x onerror=alert(1)> Hello world, hello again',
  },
  {
    message: message({ id: 'm3', conversationId: bob.id, direction: 'out', at: at - 60_000 }),
    snippet: 'said hello to Bob',
  },
];

async function openSearch(language: 'en' | 'zh-CN' = 'en') {
  const view = await renderWindow({
    snapshot: { ...base, self: { ...base.self, language } },
  });
  const user = userEvent.setup();
  const names =
    language === 'en'
      ? { open: 'Search history', box: 'Search', filter: 'Filter contacts' }
      : { open: '搜索聊天记录', box: '搜索', filter: '查找联系人' };
  await user.click(await screen.findByRole('button', { name: names.open }));
  const box = screen.getByRole('searchbox', { name: names.box });
  return { ...view, user, box, names };
}

describe('searching all history', () => {
  it('opens from its own button, apart from the contact filter, with the focus in the box', async () => {
    const { box, names, user } = await openSearch();
    expect(document.activeElement).toBe(box);
    expect(screen.queryByRole('textbox', { name: names.filter })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Close search' }));
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.getByRole('textbox', { name: names.filter })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: names.open }));
  });

  it('waits for typing to pause, then searches once for the whole query', async () => {
    const { box, user, fake } = await openSearch();
    fake.api.searchMessages.mockResolvedValue(hits);
    await user.type(box, 'hello');
    // Five keys, and no request yet: the search waits for a pause.
    expect(fake.api.searchMessages).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.api.searchMessages).toHaveBeenCalledTimes(1), {
      timeout: SEARCH_DEBOUNCE_MS * 8,
    });
    expect(fake.api.searchMessages).toHaveBeenCalledWith({ query: 'hello', limit: 50 });
    expect(await screen.findByRole('list', { name: 'Search results' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('2 messages found');
  });

  it('lists each hit with the peer, the time and the snippet, the match marked as text', async () => {
    const { box, user, fake } = await openSearch();
    fake.api.searchMessages.mockResolvedValue(hits);
    await user.type(box, 'HELLO');
    const list = await screen.findByRole('list', { name: 'Search results' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const first = within(items[0]!).getByRole('button');
    expect(first.textContent).toContain('Alice');
    expect(first.textContent).toContain('15:04');
    // The hostile snippet stays text: no element was made from it.
    expect(list.querySelector('img')).toBeNull();
    expect(first.textContent).toContain('<img src=x onerror=alert(1)>');
    const marks = [...first.querySelectorAll('mark')].map((mark) => mark.textContent);
    expect(marks).toEqual(['Hello', 'hello']);
    const second = within(items[1]!).getByRole('button');
    expect(second.textContent).toContain('Bob');
    expect(second.textContent).toContain('You: said hello to Bob');
  });

  it('opens the conversation at the hit with Enter or a click', async () => {
    const { box, user, fake } = await openSearch();
    fake.api.searchMessages.mockResolvedValue(hits);
    await user.type(box, 'hello');
    await screen.findByRole('list', { name: 'Search results' });
    await user.keyboard('{ArrowDown}');
    const first = document.activeElement as HTMLElement;
    expect(first.dataset.messageId).toBe('m7');
    await user.keyboard('{Enter}');
    // Main opens the conversation's window at the message.
    expect(fake.api.openConversation).toHaveBeenLastCalledWith({
      peerId: 'alice@lan-pc',
      messageId: 'm7',
    });
    await user.keyboard('{ArrowDown}');
    expect((document.activeElement as HTMLElement).dataset.messageId).toBe('m3');
    await user.click(document.activeElement as HTMLElement);
    expect(fake.api.openConversation).toHaveBeenLastCalledWith({
      peerId: 'bob@lan-pc',
      messageId: 'm3',
    });
  });

  it('says so kindly when nothing is found, and shows a failure as an alert', async () => {
    const { box, user, fake } = await openSearch();
    await user.type(box, 'zebra');
    expect((await screen.findByText('No messages contain “zebra”.')).getAttribute('role')).toBe(
      'status',
    );
    expect(screen.queryByRole('list', { name: 'Search results' })).toBeNull();
    fake.api.searchMessages.mockRejectedValueOnce(new Error('The history is locked'));
    await user.type(box, 's');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not search: The history is locked',
    );
  });

  it('searches one or two Chinese characters, and speaks Chinese', async () => {
    const { box, user, fake } = await openSearch('zh-CN');
    fake.api.searchMessages.mockResolvedValue([
      { message: message({ id: 'm1', conversationId: alice.id, at }), snippet: '下午三点开会' },
    ]);
    await user.type(box, '开会');
    await vi.waitFor(() =>
      expect(fake.api.searchMessages).toHaveBeenCalledWith({ query: '开会', limit: 50 }),
    );
    const list = await screen.findByRole('list', { name: '搜索结果' });
    expect([...list.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['开会']);
    expect(screen.getByRole('status').textContent).toBe('找到 1 条消息');
    expect(screen.getByRole('button', { name: '关闭搜索' })).toBeTruthy();
  });

  it("reads a group's notice in the window's language, not as stored", async () => {
    const { box, user, fake } = await openSearch('zh-CN');
    const text = groupNoticeText({
      kind: 'added',
      by: 'wang@a',
      byName: '小王',
      member: 'li@b',
      memberName: '李四',
    });
    fake.api.searchMessages.mockResolvedValue([
      {
        message: message({ id: 'm1', conversationId: alice.id, at, state: 'notice', text }),
        snippet: '小王 added 李四',
      },
    ]);
    await user.type(box, '李四');
    const list = await screen.findByRole('list', { name: '搜索结果' });
    await vi.waitFor(() => expect(list.textContent).toContain('小王 添加了 李四'));
    expect(list.textContent).not.toContain('added');
    expect([...list.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['李四']);
  });

  it('does not search pinyin while an IME composition is under way', async () => {
    const { box, user, fake } = await openSearch('zh-CN');
    box.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    await user.type(box, 'kaihui');
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS * 2));
    expect(fake.api.searchMessages).not.toHaveBeenCalled();
    await user.clear(box);
    await user.type(box, '开会');
    box.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '开会' }));
    await vi.waitFor(() =>
      expect(fake.api.searchMessages).toHaveBeenCalledWith({ query: '开会', limit: 50 }),
    );
    expect(fake.api.searchMessages).toHaveBeenCalledTimes(1);
  });
});
