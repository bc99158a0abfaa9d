import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { Notification, resetFakeElectron } from './fake-electron';
import { message, peer, snapshot } from './fake-core';
import { MessageNotifier } from '../../../src-main/shell/notifications';
import { ShellState } from '../../../src-main/shell/shell-state';

const bob = peer();

describe('message notifications', () => {
  let focused: Set<string>;
  let showConversation: Mock<(conversationId: string) => void>;
  let notifier: MessageNotifier;

  beforeEach(() => {
    resetFakeElectron();
    focused = new Set();
    showConversation = vi.fn();
    const state = new ShellState();
    state.seed({ ...snapshot(), peers: [bob] });
    notifier = new MessageNotifier({
      state,
      isConversationFocused: (id) => focused.has(id),
      showConversation,
    });
  });

  it("shows an incoming message with the peer's name, and opens the chat on click", () => {
    notifier.onEvent({ type: 'message', message: message({ text: 'lunch?' }) });
    expect(Notification.created).toHaveLength(1);
    const shown = Notification.created[0]!;
    expect(shown.shown).toBe(true);
    expect(shown.options).toMatchObject({ title: 'Bob', body: 'lunch?' });
    shown.emit('click');
    expect(showConversation).toHaveBeenCalledWith('bob@pc2');
  });

  it('stays quiet when the chat window is in front', () => {
    focused.add('bob@pc2');
    notifier.onEvent({ type: 'message', message: message() });
    expect(Notification.created).toHaveLength(0);
  });

  it('ignores outgoing messages, repeats of the same message and other events', () => {
    notifier.onEvent({
      type: 'message',
      message: message({ id: 'o', direction: 'out', state: 'sending' }),
    });
    notifier.onEvent({ type: 'notice', level: 'info', code: 'x', message: 'hello' });
    notifier.onEvent({ type: 'message', message: message({ id: 'same' }) });
    notifier.onEvent({ type: 'message', message: message({ id: 'same' }) });
    expect(Notification.created).toHaveLength(1);
  });

  it('shortens a long message', () => {
    notifier.onEvent({ type: 'message', message: message({ text: 'x'.repeat(5000) }) });
    expect(Notification.created[0]!.options.body.length).toBeLessThanOrEqual(201);
  });

  it('does nothing where notifications are unsupported', () => {
    Notification.supported = false;
    notifier.onEvent({ type: 'message', message: message() });
    expect(Notification.created).toHaveLength(0);
  });
});
