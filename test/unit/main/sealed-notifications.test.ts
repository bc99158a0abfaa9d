import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { Notification, resetFakeElectron } from './fake-electron';
import { message, snapshot, transfer } from './fake-core';
import type { Language, PeerDTO } from '../../../preload/contract';
import { MessageNotifier } from '../../../src-main/shell/notifications';
import { ShellState } from '../../../src-main/shell/shell-state';

const bob: PeerDTO = {
  id: 'bob@pc2',
  nickname: 'Bob',
  group: 'Lab',
  user: 'bob',
  host: 'pc2',
  address: '10.0.0.2',
  port: 2425,
  status: 'online',
  client: 'ipmsg',
  version: '1',
  lastSeen: 0,
};

function notifierIn(language: Language) {
  const state = new ShellState();
  const seeded = snapshot();
  state.seed({ ...seeded, self: { ...seeded.self, language }, peers: [bob] });
  return new MessageNotifier({
    state,
    isConversationFocused: () => false,
    showConversation: vi.fn(),
  });
}

const bodies = () => Notification.created.map((n) => n.options.body);

describe('notifications of sealed messages', () => {
  beforeEach(() => resetFakeElectron());

  it.each([
    ['en', 'Sealed message'],
    ['zh-CN', '密封消息'],
  ] as const)('say only that a sealed message came (%s), never its text', (language, said) => {
    const notifier = notifierIn(language);
    // Whatever text main may hold, the desktop does not show it.
    notifier.onEvent({ type: 'message', message: message({ id: 's1', text: '', sealed: true }) });
    notifier.onEvent({
      type: 'message',
      message: message({ id: 's2', text: 'the secret', sealed: true }),
    });
    expect(bodies()).toEqual([said, said]);
    expect(Notification.created[0]!.options.title).toBe('Bob');
  });

  it('shows the text of a sealed message already opened, and of an ordinary one', () => {
    const notifier = notifierIn('en');
    notifier.onEvent({
      type: 'message',
      message: message({ id: 's3', text: 'opened', sealed: true, readAt: 5000 }),
    });
    notifier.onEvent({ type: 'message', message: message({ id: 'm', text: 'plain' }) });
    expect(bodies()).toEqual(['opened', 'plain']);
  });

  it('says what a sealed message with files carries, and that it is sealed', () => {
    const notifier = notifierIn('zh-CN');
    notifier.onEvent({ type: 'transfer', transfer: transfer({ id: 't9', direction: 'in' }) });
    notifier.onEvent({
      type: 'message',
      message: message({ id: 's4', text: 'hidden', sealed: true, transferId: 't9' }),
    });
    const body = bodies()[0] ?? '';
    expect(body).toMatch(/^发来/);
    expect(body.endsWith('\n密封消息')).toBe(true);
    expect(body).not.toContain('hidden');
  });
});
