import { vi } from 'vitest';
import type { MessageDTO, PigeonApi, PigeonEvent, SnapshotDTO } from '../../../../preload/contract';

/** A PigeonApi whose channels are spies with sensible answers; `emit` pushes events. */
export function createFakeApi(initial: SnapshotDTO) {
  let current = initial;
  const listeners = new Set<(events: PigeonEvent[]) => void>();
  let sent = 0;
  const api = {
    getSnapshot: vi.fn<PigeonApi['getSnapshot']>(async () => current),
    listMessages: vi.fn<PigeonApi['listMessages']>(async () => []),
    sendMessage: vi.fn<PigeonApi['sendMessage']>(async (request) => {
      sent += 1;
      const out: MessageDTO = {
        id: `sent-${sent}`,
        conversationId: request?.conversationId ?? '',
        direction: 'out',
        text: request?.text ?? '',
        state: 'sending',
        at: 1_700_000_100_000 + sent,
      };
      return [out];
    }),
    resendMessage: vi.fn<PigeonApi['resendMessage']>(async (request) => ({
      id: request?.messageId ?? '',
      conversationId: 'alice@lan-pc',
      direction: 'out',
      text: 'again',
      state: 'sending',
      at: 1_700_000_000_000,
    })),
    markRead: vi.fn<PigeonApi['markRead']>(async (request) => ({
      id: request?.conversationId ?? '',
      peerId: request?.conversationId ?? '',
      unread: 0,
    })),
    openConversation: vi.fn<PigeonApi['openConversation']>(async (request) => ({
      conversationId: request?.peerId ?? '',
    })),
    updateProfile: vi.fn<PigeonApi['updateProfile']>(async (change) => ({
      ...current.self,
      ...change,
    })),
    refreshPeers: vi.fn<PigeonApi['refreshPeers']>(async () => ({ ok: true as const })),
    onEvents: vi.fn<PigeonApi['onEvents']>((listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
  } satisfies PigeonApi;

  return {
    api,
    emit(events: PigeonEvent[]) {
      for (const listener of listeners) listener(events);
    },
    setSnapshot(next: SnapshotDTO) {
      current = next;
    },
    listenerCount: () => listeners.size,
  };
}

export type FakeApi = ReturnType<typeof createFakeApi>;
