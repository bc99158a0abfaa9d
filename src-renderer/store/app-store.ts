import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ConversationDTO,
  MessageDTO,
  NetworkSettingsDTO,
  PigeonEvent,
  SelfDTO,
  SnapshotDTO,
  TransferDTO,
} from '../../src-shared/contract';
import { reduceEvents } from './apply-events';
import {
  aroundPageOnly,
  latestPageOnly,
  mergeLatestPage,
  mergeNewerPage,
  mergeOlderPage,
} from './conversation-messages';
import { dismissNotice, pushNotice } from './notices';
import { upsertTransfers } from './transfers';
import {
  initialData,
  type AppData,
  type ConnectionState,
  type ConversationMessages,
  type LoadState,
  type Notice,
} from './state';

export interface AppActions {
  applySnapshot(snapshot: SnapshotDTO): void;
  applyEvents(events: readonly PigeonEvent[]): void;
  /** The newest page of a conversation; starts keeping that conversation's messages. */
  mergeLatestMessages(conversationId: string, page: readonly MessageDTO[], limit: number): void;
  mergeOlderMessages(conversationId: string, page: readonly MessageDTO[], limit: number): void;
  mergeNewerMessages(conversationId: string, page: readonly MessageDTO[], limit: number): void;
  /** The page around a search hit, replacing what was loaded of that conversation. */
  showMessagesAround(conversationId: string, page: readonly MessageDTO[], limit: number): void;
  /** The latest page, replacing what was loaded (back to the present after a jump). */
  showLatestMessages(conversationId: string, page: readonly MessageDTO[], limit: number): void;
  /** Messages returned by a command (send, resend): same rules as message events. */
  upsertMessages(messages: readonly MessageDTO[]): void;
  upsertConversation(conversation: ConversationDTO): void;
  /** Transfers returned by a command or listed for a conversation. */
  upsertTransfers(transfers: readonly TransferDTO[]): void;
  setSelf(self: SelfDTO): void;
  setNetworkSettings(settings: NetworkSettingsDTO): void;
  /** A problem found in this window (a failed command), shown like a notice event. */
  addNotice(notice: Notice): void;
  dismissNotice(code: string): void;
  /** The user read the line about a peer's refused messages. */
  dismissRefused(peerId: string): void;
  setConnection(connection: ConnectionState): void;
  setLoad(load: LoadState): void;
}

export type AppState = AppData & AppActions;
export type AppStore = StoreApi<AppState>;

/** One store per window: each renderer builds its own from the snapshot and events. */
export function createAppStore(data: Partial<AppData> = {}): AppStore {
  return createStore<AppState>()((set) => {
    /** Replace one conversation's loaded messages, copying the map once. */
    const setMessages = (
      conversationId: string,
      next: (entry: ConversationMessages | undefined) => ConversationMessages,
    ) =>
      set((state) => {
        const messages = new Map(state.messages);
        messages.set(conversationId, next(messages.get(conversationId)));
        return { messages };
      });

    return {
      ...initialData(),
      ...data,

      applySnapshot: (snapshot) =>
        set({
          self: snapshot.self,
          peers: new Map(snapshot.peers.map((peer) => [peer.id, peer])),
          remarks: new Map((snapshot.remarks ?? []).map((r) => [r.peerId, r.remark])),
          conversations: new Map(snapshot.conversations.map((c) => [c.id, c])),
          groups: new Map((snapshot.groups ?? []).map((g) => [g.id, g])),
          stats: snapshot.stats,
          trustWarnings: snapshot.trustWarnings ?? [],
          load: { phase: 'ready' },
        }),

      applyEvents: (events) => set((state) => reduceEvents(state, events)),

      mergeLatestMessages: (conversationId, page, limit) =>
        setMessages(conversationId, (entry) => mergeLatestPage(entry, page, limit)),

      mergeOlderMessages: (conversationId, page, limit) =>
        setMessages(conversationId, (entry) => mergeOlderPage(entry, page, limit)),

      mergeNewerMessages: (conversationId, page, limit) =>
        setMessages(conversationId, (entry) => mergeNewerPage(entry, page, limit)),

      showMessagesAround: (conversationId, page, limit) =>
        setMessages(conversationId, () => aroundPageOnly(page, limit)),

      showLatestMessages: (conversationId, page, limit) =>
        setMessages(conversationId, () => latestPageOnly(page, limit)),

      upsertMessages: (list) =>
        set((state) =>
          reduceEvents(
            state,
            list.map((message) => ({ type: 'message', message })),
          ),
        ),

      upsertConversation: (conversation) =>
        set((state) => reduceEvents(state, [{ type: 'conversation', conversation }])),

      upsertTransfers: (list) =>
        set((state) => ({ transfers: upsertTransfers(state.transfers, list) })),

      setSelf: (self) => set({ self }),

      setNetworkSettings: (networkSettings) => set({ networkSettings }),

      addNotice: (notice) => set((state) => ({ notices: pushNotice(state.notices, notice) })),

      dismissNotice: (code) => set((state) => ({ notices: dismissNotice(state.notices, code) })),

      dismissRefused: (peerId) =>
        set((state) => {
          const refused = new Map(state.refused);
          refused.delete(peerId);
          return { refused };
        }),

      setConnection: (connection) => set({ connection }),

      setLoad: (load) => set({ load }),
    };
  });
}
