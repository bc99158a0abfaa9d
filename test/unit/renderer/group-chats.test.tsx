// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GroupDTO } from '../../../src-shared/contract';
import { conversation, message, peer, self, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { renderWindow } from './support/render-window';

withFakeLayout();
afterEach(cleanup);

const tux = peer({ nickname: 'Tux', client: 'iptux', group: '研发部' });
const wang = peer({ nickname: '小王', group: '研发部' });
const groupId = 'group:iptux:研发部';
const group: GroupDTO = { id: groupId, kind: 'iptux', name: '研发部', members: [tux.id, wang.id] };
const inGroup = (id: string, author: string, at: number, text: string) =>
  message({ id, conversationId: groupId, authorId: author, at, text });

const english = snapshot({
  self: { ...self, language: 'en' },
  peers: [tux, wang],
  groups: [group, { id: 'group:broadcast', kind: 'broadcast', name: '', members: [tux.id] }],
  conversations: [
    conversation({
      id: groupId,
      peerId: groupId,
      unread: 3,
      lastMessage: inGroup('g1', tux.id, 2000, 'build is green'),
    }),
  ],
});

describe('group conversations in the main window', () => {
  it('shows a group in the recent chats by its name, with its unread count', async () => {
    await renderWindow({ snapshot: english });
    const chats = await screen.findByRole('list', { name: 'Chats' });
    const row = within(chats).getByRole('listitem', { name: /研发部/ });
    expect(row.textContent).toContain('build is green');
    expect(row.textContent).toContain('3');
  });

  it('lists the groups in a Groups section of the contacts, and opens one as a chat', async () => {
    const { fake } = await renderWindow({ snapshot: english });
    await userEvent.click(await screen.findByRole('tab', { name: 'Contacts' }));
    const section = screen.getByRole('region', { name: 'Groups' });
    const names = within(section)
      .getAllByRole('listitem')
      .map((item) => item.querySelector('.group-section-name')?.textContent);
    expect(names).toEqual(['Everyone (broadcast)', '研发部']);
    expect(within(section).getByText('3 unread messages')).toBeTruthy();
    await userEvent.click(within(section).getByRole('button', { name: /研发部/ }));
    await vi.waitFor(() =>
      expect(fake.api.openConversation).toHaveBeenCalledWith(
        expect.objectContaining({ peerId: groupId }),
      ),
    );
  });
});

describe('a group chat window', () => {
  async function openGroup(language: 'en' | 'zh-CN' = 'en') {
    const view = await renderWindow({
      hash: `#/chat/${encodeURIComponent(groupId)}`,
      snapshot: english,
      languageOverride: language,
    });
    await act(async () => {
      view.store
        .getState()
        .mergeLatestMessages(
          groupId,
          [
            inGroup('g1', tux.id, 1000, 'build is green'),
            inGroup('g2', wang.id, 2000, '好的'),
            message({ id: 'g3', conversationId: groupId, direction: 'out', at: 3000, text: 'ok' }),
          ],
          100,
        );
    });
    return view;
  }

  it('names the group, names each author in the log, and sends with the usual composer', async () => {
    const { fake } = await openGroup();
    expect(await screen.findByRole('heading', { name: '研发部' })).toBeTruthy();
    expect(document.title).toBe('研发部 — Pigeon');
    const log = screen.getByRole('log', { name: 'Conversation' });
    const articles = within(log).getAllByRole('article');
    expect(articles.map((a) => a.querySelector('.message-author')?.textContent ?? null)).toEqual([
      'Tux',
      '小王',
      null,
    ]);
    expect(within(articles[1]!).getByText('小王 said')).toBeTruthy();
    // No seal in a group: no group packet carries one.
    expect(screen.queryByRole('button', { name: /Seal/ })).toBeNull();
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'hello group');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(fake.api.sendMessage).toHaveBeenCalledWith(
      expect.objectContaining({ conversationId: groupId, text: 'hello group' }),
    );
  });

  it('shows the member list on demand from the Members button', async () => {
    await openGroup();
    const members = await screen.findByRole('button', { name: 'Members' });
    expect(members.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('region', { name: 'Members of 研发部' })).toBeNull();
    await userEvent.click(members);
    const list = screen.getByRole('region', { name: 'Members of 研发部' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([expect.stringContaining('Tux'), expect.stringContaining('小王')]);
  });

  it('offers the members when @ is typed, and puts the chosen one in the text', async () => {
    await openGroup();
    const box = await screen.findByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'hi @小');
    const choices = screen.getByRole('list', { name: 'Mention a member' });
    expect(
      within(choices)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['@小王']);
    await userEvent.click(within(choices).getByRole('button', { name: '@小王' }));
    expect((box as HTMLTextAreaElement).value).toBe('hi @小王 ');
    expect(screen.queryByRole('list', { name: 'Mention a member' })).toBeNull();
  });

  it('mutes the group with its Mute button, pressed while muted', async () => {
    const { fake } = await openGroup();
    const mute = await screen.findByRole('button', { name: 'Mute' });
    expect(mute.getAttribute('aria-pressed')).toBe('false');
    await userEvent.click(mute);
    expect(fake.api.muteGroup).toHaveBeenCalledWith({ groupId, muted: true });
    await vi.waitFor(() => expect(mute.getAttribute('aria-pressed')).toBe('true'));
  });

  it('speaks Chinese: 成员 and the member count', async () => {
    await openGroup('zh-CN');
    expect(await screen.findByRole('button', { name: '成员' })).toBeTruthy();
    expect(screen.getByRole('banner').textContent).toContain('2 位成员');
  });
});
