import { vi } from 'vitest';
import type { Language, PeerDTO } from '../../../src-shared/contract';
import { MessageNotifier } from '../../../src-main/shell/notifications';
import { ShellState } from '../../../src-main/shell/shell-state';
import { peer, snapshot } from './fake-core';

/** A notifier whose windows are all in the background, knowing `peers`, in `language`. */
export function notifierIn(language: Language, peers: PeerDTO[] = [peer()]) {
  const state = new ShellState();
  const seeded = snapshot();
  state.seed({ ...seeded, self: { ...seeded.self, language }, peers });
  return new MessageNotifier({
    state,
    isConversationFocused: () => false,
    showConversation: vi.fn(),
  });
}
