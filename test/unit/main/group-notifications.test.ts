import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { Notification, resetFakeElectron } from './fake-electron';
import { message, peer, snapshot } from './fake-core';
import { MessageNotifier } from '../../../src-main/shell/notifications';
import { ShellState } from '../../../src-main/shell/shell-state';

const bob = peer();
const groupId = 'group:iptux:研发部';

/** A notifier whose windows are all in the background, knowing bob and one group. */
function notifierWith(muted: boolean) {
  const state = new ShellState();
  state.seed({
    ...snapshot(),
    peers: [bob],
    groups: [{ id: groupId, kind: 'iptux', name: '研发部', members: [bob.id], muted }],
  });
  const notifier = new MessageNotifier({
    state,
    isConversationFocused: () => false,
    showConversation: vi.fn(),
  });
  return { state, notifier };
}

describe('notifications of group messages', () => {
  beforeEach(() => resetFakeElectron());

  it("are titled with the group's name and say who wrote, the group learnt from a snapshot or an event", () => {
    const { state, notifier } = notifierWith(false);
    notifier.onEvent({
      type: 'message',
      message: message({ id: 'g1', conversationId: groupId, authorId: bob.id, text: '开会' }),
    });
    expect(Notification.created[0]?.options).toMatchObject({ title: '研发部', body: 'Bob: 开会' });

    state.apply({
      type: 'group',
      group: { id: 'group:x', kind: 'pigeon', name: '项目组', members: [] },
    });
    notifier.onEvent({
      type: 'message',
      message: message({ id: 'g2', conversationId: 'group:x', authorId: 'who@pc', text: 'hi' }),
    });
    expect(Notification.created[1]?.options).toMatchObject({ title: '项目组', body: 'who@pc: hi' });
  });

  it('stay quiet for a muted group', () => {
    const { notifier } = notifierWith(true);
    notifier.onEvent({
      type: 'message',
      message: message({ id: 'g1', conversationId: groupId, authorId: bob.id }),
    });
    expect(Notification.created).toHaveLength(0);
  });

  it('speak for a muted group when a message mentions the user (@nickname)', () => {
    const { state, notifier } = notifierWith(true);
    const nickname = state.self?.nickname ?? '';
    notifier.onEvent({
      type: 'message',
      message: message({
        id: 'g2',
        conversationId: groupId,
        authorId: bob.id,
        text: `@${nickname}x`,
      }),
    });
    expect(Notification.created).toHaveLength(0);
    notifier.onEvent({
      type: 'message',
      message: message({
        id: 'g3',
        conversationId: groupId,
        authorId: bob.id,
        text: `@${nickname} 看一下`,
      }),
    });
    expect(Notification.created).toHaveLength(1);
  });
});
