// @vitest-environment jsdom
// Pigeon groups in the windows: the New group dialog by the names tests and users rely on,
// the group's own news as lines in its log, "Delivered to N of M" with who on demand, and
// the member tools (rename, add, remove, leave).
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { groupNoticeText, type GroupDTO } from '../../../src-shared/contract';
import { message, peer, self, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { renderWindow } from './support/render-window';

withFakeLayout();
afterEach(cleanup);

const li = peer({ nickname: '李四', group: '研发部' });
const carol = peer({ nickname: 'Carol', group: 'QA' });
const me = `${self.user}@${self.host}`;
const groupId = 'group:pigeon:0b6f6d1e-2f5c-4f0e-9d7a-3c1a2b3c4d5e';
const group: GroupDTO = {
  id: groupId,
  kind: 'pigeon',
  name: '项目组',
  members: [li.id, me],
  creator: me,
};

describe('the New group dialog', () => {
  it.each([
    ['en', 'New group', 'Group name', 'Create', 'Groups'],
    ['zh-CN', '新建群聊', '群名称', '创建', '群聊'],
  ] as const)('(%s) makes a group of the contacts ticked, by name', async (language, ...names) => {
    const [newGroup, groupName, create, section] = names;
    const { fake } = await renderWindow({
      snapshot: snapshot({ self: { ...self, language }, peers: [li, carol] }),
      languageOverride: language,
    });
    await userEvent.click(await screen.findByRole('button', { name: newGroup }));
    const dialog = screen.getByRole('dialog', { name: newGroup });
    await userEvent.click(within(dialog).getByRole('button', { name: create }));
    expect(fake.api.createGroup).not.toHaveBeenCalled();
    await userEvent.type(within(dialog).getByRole('textbox', { name: groupName }), '项目组');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: '李四' }));
    expect(
      (within(dialog).getByRole('checkbox', { name: 'Carol' }) as HTMLInputElement).checked,
    ).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: create }));
    expect(fake.api.createGroup).toHaveBeenCalledWith({ name: '项目组', memberIds: [li.id] });
    await vi.waitFor(() => expect(screen.queryByRole('dialog', { name: newGroup })).toBeNull());
    const tabs = screen.queryAllByRole('tab');
    if (tabs.length > 1) await userEvent.click(tabs[1] as HTMLElement);
    const groups = await screen.findByRole('region', { name: section });
    expect(within(groups).getByText('项目组')).toBeTruthy();
  });
});

describe("a Pigeon group's chat window", () => {
  /** My message to the group, as main tells it when `delivered` of the two members have it. */
  const mine = (delivered: number) =>
    message({
      id: 'm1',
      conversationId: groupId,
      direction: 'out',
      state: 'delivered',
      at: 2000,
      text: 'hello',
      delivery: { delivered, of: 2 },
    });

  async function openGroup(language: 'en' | 'zh-CN' = 'en') {
    const view = await renderWindow({
      hash: `#/chat/${encodeURIComponent(groupId)}`,
      snapshot: snapshot({
        self: { ...self, language },
        peers: [li, carol],
        groups: [group],
      }),
      languageOverride: language,
    });
    await act(async () => {
      view.store.getState().mergeLatestMessages(
        groupId,
        [
          message({
            id: 'n1',
            conversationId: groupId,
            authorId: me,
            state: 'notice',
            at: 1000,
            text: groupNoticeText({
              kind: 'added',
              by: me,
              byName: '小王',
              member: li.id,
              memberName: '李四',
            }),
          }),
          mine(1),
        ],
        100,
      );
    });
    return view;
  }

  it('shows who changed the group as a line, and who has my message on demand', async () => {
    const { fake } = await openGroup();
    expect(await screen.findByText('小王 added 李四')).toBeTruthy();
    fake.api.groupDelivery.mockResolvedValueOnce([
      { peerId: li.id, nickname: '李四', state: 'delivered' },
      { peerId: carol.id, nickname: 'Carol', state: 'queued' },
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Delivered to 1 of 2' }));
    expect(fake.api.groupDelivery).toHaveBeenCalledWith({ messageId: 'm1' });
    expect(await screen.findByText('Carol: waiting until they are back')).toBeTruthy();
  });

  it.each([
    [
      'en',
      'Delivered to 1 of 2',
      'Conversation',
      ': ',
      'delivered',
      'waiting: their key changed, accept the new key in their chat',
    ],
    [
      'zh-CN',
      '已送达 1/2',
      '会话',
      '：',
      '已送达',
      '等待中：对方密钥已更改，请在与其的单聊中接受新密钥',
    ],
  ] as const)(
    "(%s) says a member's copy waits for their changed key to be accepted, and only theirs",
    async (language, summary, conversation, colon, delivered, keyChanged) => {
      const { fake } = await openGroup(language);
      fake.api.groupDelivery.mockResolvedValueOnce([
        { peerId: li.id, nickname: '李四', state: 'delivered' },
        { peerId: carol.id, nickname: 'Carol', state: 'queued', keyChanged: true },
      ]);
      const toggle = await screen.findByRole('button', { name: summary });
      expect(toggle.getAttribute('aria-expanded')).toBe('false');
      await userEvent.click(toggle);
      expect(fake.api.groupDelivery).toHaveBeenCalledWith({ messageId: 'm1' });
      expect(toggle.getAttribute('aria-expanded')).toBe('true');
      const log = screen.getByRole('log', { name: conversation });
      const list = await within(log).findByRole('list');
      const line = (nickname: string) =>
        within(list)
          .getAllByRole('listitem')
          .find((item) => item.textContent?.startsWith(`${nickname}${colon}`))?.textContent;
      expect(line('Carol')).toBe(`Carol${colon}${keyChanged}`);
      expect(line('李四')).toBe(`李四${colon}${delivered}`);
      expect(within(log).getAllByText(keyChanged, { exact: false })).toHaveLength(1);
    },
  );

  it('keeps an open list true to the count: the wait is gone once the copy is there', async () => {
    const { fake, store } = await openGroup();
    fake.api.groupDelivery.mockResolvedValueOnce([
      { peerId: li.id, nickname: '李四', state: 'delivered' },
      { peerId: carol.id, nickname: 'Carol', state: 'queued', keyChanged: true },
    ]);
    await userEvent.click(await screen.findByRole('button', { name: 'Delivered to 1 of 2' }));
    const waiting = 'Carol: waiting: their key changed, accept the new key in their chat';
    expect(await screen.findByText(waiting)).toBeTruthy();
    fake.api.groupDelivery.mockResolvedValueOnce([
      { peerId: li.id, nickname: '李四', state: 'delivered' },
      { peerId: carol.id, nickname: 'Carol', state: 'delivered' },
    ]);
    await act(async () => {
      store.getState().mergeLatestMessages(groupId, [mine(2)], 100);
    });
    const toggle = screen.getByRole('button', { name: 'Delivered to 2 of 2' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await screen.findByText('Carol: delivered')).toBeTruthy();
    expect(screen.queryByText(waiting)).toBeNull();
    expect(fake.api.groupDelivery).toHaveBeenCalledTimes(2);
  });

  it("names a message's author even right after that author's notice", async () => {
    const { store } = await openGroup();
    await act(async () => {
      store.getState().mergeLatestMessages(
        groupId,
        [
          message({
            id: 'n2',
            conversationId: groupId,
            authorId: li.id,
            state: 'notice',
            at: 3000,
            text: groupNoticeText({ kind: 'renamed', by: li.id, byName: '李四', name: '二组' }),
          }),
          message({ id: 'm2', conversationId: groupId, authorId: li.id, at: 4000, text: 'hi' }),
        ],
        100,
      );
    });
    expect(await screen.findByText('李四 renamed the group to 二组')).toBeTruthy();
    const log = screen.getByRole('log', { name: 'Conversation' });
    expect(within(log).getAllByText('李四', { exact: true })).toHaveLength(1);
  });

  it('lists us in the member list by our own name, present', async () => {
    await openGroup();
    await userEvent.click(await screen.findByRole('button', { name: 'Members' }));
    const list = screen.getByRole('region', { name: 'Members of 项目组' });
    const ours = within(list)
      .getAllByRole('listitem')
      .find((item) => item.textContent?.includes(`${self.nickname} (You)`));
    expect(ours?.textContent).toContain('Online');
    expect(list.textContent).not.toContain(me);
  });

  it('marks us in Chinese with full-width brackets, as Chinese text writes them', async () => {
    await openGroup('zh-CN');
    await userEvent.click(await screen.findByRole('button', { name: '成员' }));
    const list = screen.getByRole('region', { name: '项目组 的成员' });
    const names = within(list)
      .getAllByRole('listitem')
      .map((item) => item.querySelector('.group-member-name')?.textContent);
    expect(names).toContain(`${self.nickname}（我）`);
    expect(list.textContent).not.toContain('(我)');
  });

  it('renames, adds, removes and leaves from the member list', async () => {
    const { fake } = await openGroup();
    await userEvent.click(await screen.findByRole('button', { name: 'Members' }));
    const list = screen.getByRole('region', { name: 'Members of 项目组' });
    await userEvent.type(within(list).getByRole('textbox', { name: 'New name' }), '二组');
    await userEvent.click(within(list).getByRole('button', { name: 'Rename' }));
    expect(fake.api.changeGroup).toHaveBeenCalledWith({
      groupId,
      change: { kind: 'rename', name: '二组' },
    });
    await userEvent.selectOptions(
      within(list).getByRole('combobox', { name: 'Contact to add' }),
      carol.id,
    );
    await userEvent.click(within(list).getByRole('button', { name: 'Add' }));
    expect(fake.api.changeGroup).toHaveBeenCalledWith({
      groupId,
      change: { kind: 'add', peerId: carol.id },
    });
    await userEvent.click(within(list).getByRole('button', { name: 'Remove 李四' }));
    expect(fake.api.changeGroup).toHaveBeenCalledWith({
      groupId,
      change: { kind: 'remove', peerId: li.id },
    });
    // No Remove for ourselves: Leave group is that.
    expect(within(list).getAllByRole('button', { name: /^Remove / })).toHaveLength(1);
    await userEvent.click(within(list).getByRole('button', { name: 'Leave group' }));
    expect(fake.api.changeGroup).toHaveBeenCalledWith({ groupId, change: { kind: 'leave' } });
  });
});
