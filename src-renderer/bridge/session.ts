import { presenceForgotten } from '../store/stale-presence';
import type { PigeonEvent } from '../../src-shared/contract';
import type { AppStore } from '../store/app-store';
import type { Bridge } from './bridge';
import { describeError } from './errors';
import type { Route } from './launch-params';

/** How many messages a chat window loads at a time. */
export const MESSAGE_PAGE_SIZE = 100;

/**
 * Feed a window's store: subscribe to events once, load the snapshot (and, in a
 * chat window, its latest messages), and load again after a reconnect. Events that
 * arrive while loading wait until the snapshot is in, so the snapshot never
 * overwrites something newer. Returns the function that stops it.
 */
export function startSession(bridge: Bridge, store: AppStore, route: Route): () => void {
  const { api } = bridge;
  let waiting: PigeonEvent[] | null = [];
  let generation = 0;
  let stopped = false;

  const unsubscribeEvents = api.onEvents((events) => {
    if (stopped) return;
    if (waiting) waiting.push(...events);
    else store.getState().applyEvents(events);
  });

  async function load(): Promise<void> {
    const mine = ++generation;
    waiting ??= [];
    try {
      const snapshot = await api.getSnapshot();
      const apply = route.kind === 'chat' ? await loadMessages(route) : undefined;
      const transfers = route.kind === 'chat' ? await loadTransfers(route.conversationId) : [];
      if (stopped || mine !== generation) return;
      store.getState().applySnapshot(snapshot);
      apply?.();
      store.getState().upsertTransfers(transfers);
    } catch (error) {
      if (stopped || mine !== generation) return;
      // After a reconnect the data shown is still the last good one: keep it.
      if (store.getState().load.phase !== 'ready') {
        store.getState().setLoad({ phase: 'failed', error: describeError(error) });
      }
    }
    if (stopped || mine !== generation) return;
    const held = waiting ?? [];
    waiting = null;
    if (held.length > 0) store.getState().applyEvents(held);
  }

  /**
   * A chat window's messages: the page around the message it was opened at (once),
   * else the latest page. After a jump, a reconnect leaves the stretch shown alone:
   * merging the latest page into it would leave a hole between the two.
   */
  async function loadMessages(chat: Extract<Route, { kind: 'chat' }>) {
    const { conversationId, messageId } = chat;
    const entry = store.getState().messages.get(conversationId);
    if (messageId !== undefined && !entry) {
      const page = await api.listMessages({
        conversationId,
        around: messageId,
        limit: MESSAGE_PAGE_SIZE,
      });
      return () => store.getState().showMessagesAround(conversationId, page, MESSAGE_PAGE_SIZE);
    }
    if (entry?.hasNewer) return undefined;
    const page = await api.listMessages({ conversationId, limit: MESSAGE_PAGE_SIZE });
    return () => store.getState().mergeLatestMessages(conversationId, page, MESSAGE_PAGE_SIZE);
  }

  /** The files offered in this chat; without them the messages still show, so never fatal. */
  async function loadTransfers(conversationId: string) {
    try {
      return await api.listTransfers({ conversationId });
    } catch {
      return [];
    }
  }

  let previous = bridge.connectionState();
  store.getState().setConnection(previous);
  const unsubscribeConnection = bridge.onConnectionChange((state) => {
    if (stopped) return;
    store.getState().setConnection(state);
    if (state === 'connected' && previous === 'disconnected') void load();
    if (state === 'restarted')
      store.getState().applyEvents(presenceForgotten(store.getState().peers.values()));
    previous = state;
  });

  void load();

  return () => {
    stopped = true;
    unsubscribeEvents();
    unsubscribeConnection();
  };
}
