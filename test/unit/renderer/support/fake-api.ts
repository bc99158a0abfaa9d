import { vi } from 'vitest';
import { BROADCAST_GROUP_ID } from '../../../../src-shared/contract';
import type {
  MessageDTO,
  PeerKeysDTO,
  NetworkSettingsDTO,
  PigeonApi,
  PigeonEvent,
  SnapshotDTO,
  TransferDTO,
} from '../../../../src-shared/contract';

export const networkSettings: NetworkSettingsDTO = {
  port: 2425,
  downloadDir: '/home/ming/Downloads/Pigeon',
  hosts: ['10.0.8.12'],
  broadcastAddresses: [],
  restartNeeded: false,
};

/** A transfer as the fake main process reports it. */
export function fakeTransfer(partial: Partial<TransferDTO> = {}): TransferDTO {
  return {
    id: 'transfer-1',
    conversationId: 'alice@lan-pc',
    messageId: 'message-1',
    direction: 'in',
    items: [{ name: '报告.pdf', size: 2_400_000, kind: 'file' }],
    state: 'offered',
    totalBytes: 2_400_000,
    bytesDone: 0,
    bytesPerSecond: 0,
    image: false,
    retryable: false,
    at: 1_700_000_000_000,
    ...partial,
  };
}

/** A PigeonApi whose channels are spies with sensible answers; `emit` pushes events. */
export function createFakeApi(initial: SnapshotDTO) {
  let current = initial;
  const announce = (events: PigeonEvent[]) => {
    for (const listener of listeners) listener(events);
  };
  const listeners = new Set<(events: PigeonEvent[]) => void>();
  let sent = 0;
  let settings = networkSettings;
  const startAtLogin = { supported: true, openAtLogin: false };
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
    // Like main: one copy per contact, each in its own conversation and announced there.
    sendToSeveral: vi.fn<PigeonApi['sendToSeveral']>(async (request) =>
      (request?.peerIds ?? []).map((peerId) => {
        sent += 1;
        const copy: MessageDTO = {
          id: `sent-${sent}`,
          conversationId: peerId,
          direction: 'out',
          text: request?.text ?? '',
          state: 'sending',
          at: 1_700_000_100_000 + sent,
        };
        announce([
          { type: 'message', message: copy },
          {
            type: 'conversation',
            conversation: { id: peerId, peerId, unread: 0, lastMessage: copy },
          },
        ]);
        return { peerId, messages: [copy] };
      }),
    ),
    // Like main: one notice in "Everyone (broadcast)".
    sendBroadcast: vi.fn<PigeonApi['sendBroadcast']>(async (request) => {
      sent += 1;
      const notice: MessageDTO = {
        id: `sent-${sent}`,
        conversationId: BROADCAST_GROUP_ID,
        direction: 'out',
        text: request?.text ?? '',
        state: 'delivered',
        at: 1_700_000_100_000 + sent,
      };
      return [notice];
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
    cancelMessage: vi.fn<PigeonApi['cancelMessage']>(async (request) => ({
      id: request?.messageId ?? '',
      conversationId: 'alice@lan-pc',
      direction: 'out',
      text: 'withdrawn',
      state: 'cancelled',
      at: 1_700_000_000_000,
    })),
    searchMessages: vi.fn<PigeonApi['searchMessages']>(async () => []),
    exportConversation: vi.fn<PigeonApi['exportConversation']>(async (request) => ({
      fileName: `${request?.conversationId ?? 'chat'}.${request?.format === 'json' ? 'json' : 'txt'}`,
      mimeType: request?.format === 'json' ? 'application/json' : 'text/plain;charset=utf-8',
      content: request?.format === 'json' ? '{"messages":[]}' : 'hello\n',
    })),
    getSettings: vi.fn<PigeonApi['getSettings']>(async () => settings),
    updateSettings: vi.fn<PigeonApi['updateSettings']>(async (change) => {
      const restartNeeded =
        settings.restartNeeded || (change?.port !== undefined && change.port !== settings.port);
      settings = { ...settings, ...change, restartNeeded };
      return settings;
    }),
    setTyping: vi.fn<PigeonApi['setTyping']>(async () => ({ ok: true as const })),
    getNetworkStatus: vi.fn<PigeonApi['getNetworkStatus']>(async () => ({
      port: settings.port,
      bindAddress: '0.0.0.0',
      bound: true,
      interfaces: [],
      announceTargets: ['255.255.255.255', ...settings.hosts],
      stats: current.stats,
    })),
    openSealed: vi.fn<PigeonApi['openSealed']>(async (request) => ({
      id: request?.messageId ?? '',
      conversationId: 'alice@lan-pc',
      direction: 'in',
      text: 'sealed text',
      state: 'received',
      sealed: true,
      readAt: 1_700_000_200_000,
      at: 1_700_000_000_000,
    })),
    offerFiles: vi.fn<PigeonApi['offerFiles']>(async (request) =>
      fakeTransfer({
        conversationId: request?.conversationId ?? '',
        direction: 'out',
        image: request?.image ?? false,
        items: (request?.paths ?? []).map((path) => ({
          name: path.split(/[\\/]/).pop() ?? path,
          size: 1000,
          kind: 'file' as const,
        })),
      }),
    ),
    listTransfers: vi.fn<PigeonApi['listTransfers']>(async () => []),
    acceptTransfer: vi.fn<PigeonApi['acceptTransfer']>(async (request) =>
      fakeTransfer({
        id: request?.transferId ?? '',
        state: 'active',
        directory: request?.directory ?? settings.downloadDir,
      }),
    ),
    declineTransfer: vi.fn<PigeonApi['declineTransfer']>(async (request) =>
      fakeTransfer({ id: request?.transferId ?? '', state: 'declined' }),
    ),
    cancelTransfer: vi.fn<PigeonApi['cancelTransfer']>(async (request) =>
      fakeTransfer({ id: request?.transferId ?? '', state: 'cancelled' }),
    ),
    retryTransfer: vi.fn<PigeonApi['retryTransfer']>(async (request) =>
      fakeTransfer({ id: request?.transferId ?? '', state: 'active' }),
    ),
    showTransfer: vi.fn<PigeonApi['showTransfer']>(async () => ({
      shown: true,
      path: `${settings.downloadDir}/report.pdf`,
    })),
    getTransferImage: vi.fn<PigeonApi['getTransferImage']>(async () => ({
      mimeType: 'image/png',
      base64: 'iVBORw0KGgo=',
    })),
    chooseDirectory: vi.fn<PigeonApi['chooseDirectory']>(async () => ({
      directory: '/home/ming/Desktop',
    })),
    addPlainContact: vi.fn<PigeonApi['addPlainContact']>(async (request) => {
      const host = request?.host ?? '';
      const tcp = request?.protocol === 'tcp';
      const waits = tcp && request?.connection === 'listen';
      const port = (waits ? request?.localPort : request?.port) ?? 0;
      const id = tcp
        ? waits
          ? `tcp-listen:${port}`
          : `tcp:${host}:${port}`
        : `udp:${host}:${port}`;
      return {
        id,
        nickname: request?.nickname || `${host}:${port}`,
        group: '',
        user: '',
        host,
        address: host,
        port,
        status: 'online',
        client: tcp ? 'tcp' : 'udp',
        version: '',
        lastSeen: 0,
        plain: {
          host,
          port,
          encoding: request?.encoding ?? 'utf8',
          localPort: tcp ? (waits ? port : 0) : 40000,
          ...(tcp && {
            protocol: 'tcp' as const,
            connection: waits ? ('listen' as const) : ('connect' as const),
            link: { state: waits ? ('waiting' as const) : ('connecting' as const), queued: 0 },
          }),
        },
      };
    }),
    reconnectPlainContact: vi.fn<PigeonApi['reconnectPlainContact']>(async (request) => {
      const peer = current.peers.find((candidate) => candidate.id === request?.peerId);
      if (!peer?.plain) throw new Error('unknown contact');
      return { ...peer, plain: { ...peer.plain, link: { state: 'connecting', queued: 0 } } };
    }),
    removePlainContact: vi.fn<PigeonApi['removePlainContact']>(async () => ({ ok: true as const })),
    stagePicture: vi.fn<PigeonApi['stagePicture']>(async (request) => ({
      path: `/tmp/Pigeon/pasted/${request?.name ?? 'image.png'}`,
    })),
    getStartAtLogin: vi.fn<PigeonApi['getStartAtLogin']>(async () => ({ ...startAtLogin })),
    setStartAtLogin: vi.fn<PigeonApi['setStartAtLogin']>(async (request) => {
      startAtLogin.openAtLogin = request?.openAtLogin ?? false;
      return { ...startAtLogin };
    }),
    // Like main: the change is answered and also announced to every window.
    pinConversation: vi.fn<PigeonApi['pinConversation']>(async (request) => {
      const id = request?.conversationId ?? '';
      const known = current.conversations.find((conversation) => conversation.id === id);
      const conversation = {
        ...(known ?? { id, peerId: id, unread: 0 }),
        pinned: !!request?.pinned,
      };
      announce([{ type: 'conversation', conversation }]);
      return conversation;
    }),
    setRemark: vi.fn<PigeonApi['setRemark']>(async (request) => {
      const saved = { peerId: request?.peerId ?? '', remark: (request?.remark ?? '').trim() };
      announce([{ type: 'remark', ...saved }]);
      return saved;
    }),
    // A capture the user finished: main answers the picture's path.
    takeScreenshot: vi.fn<PigeonApi['takeScreenshot']>(async () => ({
      path: '/home/me/.pigeon-data/screenshots/Screenshot 2026-12-05.png',
    })),
    // As where no settings window is shown, so the main window's dialog opens (its tests
    // rely on it); the settings window's own test answers `shown: true`.
    openSettings: vi.fn<PigeonApi['openSettings']>(async () => ({ shown: false })),
    muteGroup: vi.fn<PigeonApi['muteGroup']>(async (request) => {
      const id = request?.groupId ?? '';
      const known = current.groups?.find((group) => group.id === id);
      const group = {
        ...(known ?? { id, kind: 'pigeon' as const, name: id, members: [] }),
        muted: !!request?.muted,
      };
      announce([{ type: 'group', group }]);
      return group;
    }),
    // Like main: the new group is announced to every window.
    createGroup: vi.fn<PigeonApi['createGroup']>(async (request) => {
      const group = {
        id: 'group:pigeon:0b6f6d1e-2f5c-4f0e-9d7a-3c1a2b3c4d5e',
        kind: 'pigeon' as const,
        name: request?.name ?? '',
        members: ['me@here', ...(request?.memberIds ?? [])],
        creator: 'me@here',
      };
      announce([{ type: 'group', group }]);
      return group;
    }),
    changeGroup: vi.fn<PigeonApi['changeGroup']>(async (request) => {
      const id = request?.groupId ?? '';
      const known = current.groups?.find((group) => group.id === id);
      return known ?? { id, kind: 'pigeon' as const, name: id, members: [] };
    }),
    groupDelivery: vi.fn<PigeonApi['groupDelivery']>(async () => []),
    // Like main: the message comes back recalled, and every window hears of it.
    recallMessage: vi.fn<PigeonApi['recallMessage']>(async (request) => {
      const recalled: MessageDTO = {
        id: request?.messageId ?? '',
        conversationId: 'alice@lan-pc',
        direction: 'out',
        text: '',
        state: 'recalled',
        at: 1_700_000_100_000,
      };
      announce([{ type: 'message', message: recalled }]);
      return recalled;
    }),
    deleteMessage: vi.fn<PigeonApi['deleteMessage']>(async () => ({ ok: true as const })),
    getPeerKeys: vi.fn<PigeonApi['getPeerKeys']>(async (request) => fakePeerKeys(request?.peerId)),
    acceptPeerKey: vi.fn<PigeonApi['acceptPeerKey']>(async (request) =>
      fakePeerKeys(request?.peerId),
    ),
    setPeerVerified: vi.fn<PigeonApi['setPeerVerified']>(async (request) =>
      fakePeerKeys(request?.peerId, request?.verified ? 'verified' : 'known'),
    ),
    // Like main: one shake per peer in 10 s.
    shake: vi.fn<PigeonApi['shake']>(async () => ({ at: Date.now(), nextAt: Date.now() + 10_000 })),
    showSharedFolder: vi.fn<PigeonApi['showSharedFolder']>(async (request) => ({
      shown: true,
      path: request?.path ?? '',
    })),
    // Like main: the user's profile with (or without) the new picture's hash.
    setAvatar: vi.fn<PigeonApi['setAvatar']>(async (request) => {
      const { avatar: _before, ...self } = current.self;
      const next = request?.png ? { ...self, avatar: '0123456789abcdef' } : self;
      current = { ...current, self: next };
      announce([{ type: 'self', self: next }]);
      return next;
    }),
    getAvatar: vi.fn<PigeonApi['getAvatar']>(async () => ({
      mimeType: 'image/png',
      base64: 'iVBORw0KGgo=',
    })),
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

/** A Pigeon's keys as main would describe them: both fingerprints and the safety number. */
function fakePeerKeys(peerId = '', state: PeerKeysDTO['state'] = 'known'): PeerKeysDTO {
  const own = ['11111', '22222', '33333', '44444', '55555', '66666'];
  const peer = ['77777', '88888', '99999', '00000', '12121', '34343'];
  return {
    peerId,
    state,
    ownFingerprint: own,
    peerFingerprint: peer,
    safetyNumber: [...own, ...peer],
  };
}
