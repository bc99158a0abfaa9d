import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { Notification, resetFakeElectron } from './fake-electron';
import { message, transfer } from './fake-core';
import { notifierIn } from './notifier-fixture';

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
