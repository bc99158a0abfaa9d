import { vi } from 'vitest';
import type {
  PeerKeysDTO,
  ConversationDTO,
  MessageDTO,
  NetworkSettingsDTO,
  ParsedRequest,
  PeerDTO,
  PigeonEvent,
  TransferDTO,
  SelfDTO,
  SnapshotDTO,
} from '../../../src-shared/contract';
import type { MessengerCore } from '../../../src-main/core/messenger-api';

type PlainContactRequest = ParsedRequest<'addPlainContact'>;

export const self: SelfDTO = {
  nickname: 'Ann',
  group: 'Lab',
  user: 'ann',
  host: 'pc1',
  status: 'online',
  port: 2425,
  language: 'en',
  theme: 'system',
};

export function snapshot(conversations: ConversationDTO[] = []): SnapshotDTO {
  return {
    self,
    peers: [],
    conversations,
    stats: {
      datagramsIn: 0,
      datagramsOut: 0,
      dropped: { malformed: 0, oversized: 0, rateLimited: 0, unknownCommand: 0 },
    },
  };
}

export function message(partial: Partial<MessageDTO> = {}): MessageDTO {
  return {
    id: 'm1',
    conversationId: 'bob@pc2',
    direction: 'in',
    text: 'hello',
    state: 'received',
    at: 1000,
    ...partial,
  };
}

/** Bob, an IP Messenger user on pc2, unless told otherwise. */
export function peer(partial: Partial<PeerDTO> = {}): PeerDTO {
  return {
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
    ...partial,
  };
}

export function transfer(partial: Partial<TransferDTO> = {}): TransferDTO {
  return {
    id: 't1',
    conversationId: 'bob@pc2',
    messageId: 'm1',
    direction: 'in',
    items: [{ name: 'report.pdf', size: 1024, kind: 'file' }],
    state: 'offered',
    totalBytes: 1024,
    bytesDone: 0,
    bytesPerSecond: 0,
    image: false,
    retryable: false,
    at: 1000,
    ...partial,
  };
}

function plainPeer(request: PlainContactRequest): PeerDTO {
  const port = request.port ?? request.localPort ?? 0;
  const id = `udp:${request.host}:${port}`;
  return {
    id,
    nickname: request.nickname ?? id,
    group: '',
    user: '',
    host: request.host,
    address: request.host,
    port,
    status: 'online',
    client: 'udp',
    version: '',
    lastSeen: 0,
    plain: { host: request.host, port, encoding: request.encoding, localPort: 40000 },
  };
}

/** A MessengerCore whose commands are spies; `emit` plays an event to subscribers. */
const sampleMessage: MessageDTO = {
  id: 'm1',
  conversationId: 'bob@pc2',
  direction: 'out',
  text: 'hi',
  state: 'queued',
  at: 0,
};

const networkSettings: NetworkSettingsDTO = {
  port: 2425,
  downloadDir: '/tmp/downloads',
  hosts: [],
  broadcastAddresses: [],
  restartNeeded: false,
};

export function createFakeCore() {
  const listeners = new Set<(event: PigeonEvent) => void>();
  const core = {
    start: vi.fn(async () => undefined),
    stop: vi.fn(async () => undefined),
    snapshot: vi.fn(() => snapshot()),
    stats: vi.fn(() => snapshot().stats),
    listMessages: vi.fn(() => [message()]),
    sendMessage: vi.fn(({ conversationId, text }: ParsedRequest<'sendMessage'>) => [
      message({ conversationId, text, direction: 'out', state: 'sending' }),
    ]),
    sendToSeveral: vi.fn(({ peerIds, text }: ParsedRequest<'sendToSeveral'>) =>
      peerIds.map((peerId) => ({
        peerId,
        messages: [message({ conversationId: peerId, text, direction: 'out', state: 'sending' })],
      })),
    ),
    sendBroadcast: vi.fn(({ text }: ParsedRequest<'sendBroadcast'>) => [
      message({ conversationId: 'group:broadcast', text, direction: 'out', state: 'delivered' }),
    ]),
    resendMessage: vi.fn(() => message()),
    markRead: vi.fn(({ conversationId: id }: ParsedRequest<'markRead'>) => ({
      id,
      peerId: id,
      unread: 0,
    })),
    openConversation: vi.fn((peerId: string) => peerId),
    updateProfile: vi.fn(() => self),
    refreshPeers: vi.fn(() => ({ ok: true as const })),
    cancelMessage: vi.fn(({ messageId: id }: ParsedRequest<'cancelMessage'>) => ({
      ...sampleMessage,
      id,
      state: 'cancelled' as const,
    })),
    searchMessages: vi.fn(() => []),
    exportConversation: vi.fn(() => ({ fileName: 'x.txt', mimeType: 'text/plain', content: '' })),
    getSettings: vi.fn(() => networkSettings),
    updateSettings: vi.fn(() => networkSettings),
    setTyping: vi.fn(() => ({ ok: true as const })),
    networkStatus: vi.fn(() => ({
      port: 2425,
      bindAddress: '0.0.0.0',
      bound: true,
      interfaces: [],
      announceTargets: ['255.255.255.255'],
      stats: snapshot().stats,
    })),
    openSealed: vi.fn(({ messageId: id }: ParsedRequest<'openSealed'>) =>
      message({ id, sealed: true, readAt: 2000 }),
    ),
    offerFiles: vi.fn(async (request: ParsedRequest<'offerFiles'>) =>
      transfer({ conversationId: request.conversationId, direction: 'out' }),
    ),
    listTransfers: vi.fn((_request: ParsedRequest<'listTransfers'>) => [transfer()]),
    acceptTransfer: vi.fn(({ transferId: id, directory }: ParsedRequest<'acceptTransfer'>) =>
      transfer({ id, state: 'active', directory: directory ?? networkSettings.downloadDir }),
    ),
    declineTransfer: vi.fn(({ transferId: id }: ParsedRequest<'declineTransfer'>) =>
      transfer({ id, state: 'declined' }),
    ),
    cancelTransfer: vi.fn(({ transferId: id }: ParsedRequest<'cancelTransfer'>) =>
      transfer({ id, state: 'cancelled' }),
    ),
    retryTransfer: vi.fn(({ transferId: id }: ParsedRequest<'retryTransfer'>) =>
      transfer({ id, state: 'active' }),
    ),
    transferLocation: vi.fn((_id: string) => '/tmp/downloads/report.pdf'),
    getTransferImage: vi.fn(async (_request: ParsedRequest<'getTransferImage'>) => ({
      mimeType: 'image/png',
      base64: 'iVBORw==',
    })),
    addPlainContact: vi.fn(async (request: PlainContactRequest) => plainPeer(request)),
    removePlainContact: vi.fn((_request: ParsedRequest<'removePlainContact'>) => ({
      ok: true as const,
    })),
    pinConversation: vi.fn(({ conversationId: id, pinned }: ParsedRequest<'pinConversation'>) => ({
      id,
      peerId: id,
      unread: 0,
      pinned,
    })),
    setRemark: vi.fn((request: ParsedRequest<'setRemark'>) => ({ ...request })),
    muteGroup: vi.fn(({ groupId, muted }: ParsedRequest<'muteGroup'>) => ({
      id: groupId,
      kind: 'pigeon' as const,
      name: groupId,
      members: [],
      muted,
    })),
    createGroup: vi.fn(({ name, memberIds }: ParsedRequest<'createGroup'>) => ({
      id: 'group:pigeon:0b6f6d1e-2f5c-4f0e-9d7a-3c1a2b3c4d5e',
      kind: 'pigeon' as const,
      name,
      members: memberIds,
    })),
    changeGroup: vi.fn(({ groupId }: ParsedRequest<'changeGroup'>) => ({
      id: groupId,
      kind: 'pigeon' as const,
      name: groupId,
      members: [],
    })),
    groupDelivery: vi.fn((_request: ParsedRequest<'groupDelivery'>) => []),
    recallMessage: vi.fn(({ messageId }: ParsedRequest<'recallMessage'>) =>
      message({ id: messageId, direction: 'out', text: '', state: 'recalled' }),
    ),
    deleteMessage: vi.fn((_request: ParsedRequest<'deleteMessage'>) => ({ ok: true as const })),
    setAvatar: vi.fn((_request: ParsedRequest<'setAvatar'>) => ({ ...snapshot().self })),
    getAvatar: vi.fn((_request: ParsedRequest<'getAvatar'>) => ({
      mimeType: 'image/png',
      base64: 'iVBORw==',
    })),
    getPeerKeys: vi.fn(({ peerId }: ParsedRequest<'getPeerKeys'>) => peerKeys(peerId, 'known')),
    acceptPeerKey: vi.fn(({ peerId }: ParsedRequest<'acceptPeerKey'>) => peerKeys(peerId, 'known')),
    setPeerVerified: vi.fn(({ peerId, verified }: ParsedRequest<'setPeerVerified'>) =>
      peerKeys(peerId, verified ? 'verified' : 'known'),
    ),
    shake: vi.fn((_request: ParsedRequest<'shake'>) => ({ at: 1, nextAt: 10_001 })),
    reconnectPlainContact: vi.fn(async ({ peerId }: ParsedRequest<'reconnectPlainContact'>) =>
      plainPeer({ host: peerId, port: 1, encoding: 'utf8' }),
    ),
    onEvent: vi.fn((listener: (event: PigeonEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    emit(event: PigeonEvent) {
      for (const listener of listeners) listener(event);
    },
    listenerCount: () => listeners.size,
  };
  return core satisfies MessengerCore;
}

export type FakeCore = ReturnType<typeof createFakeCore>;

function peerKeys(peerId: string, state: PeerKeysDTO['state']): PeerKeysDTO {
  const digits = ['12345', '67890', '11111', '22222', '33333', '44444'];
  return {
    peerId,
    state,
    ownFingerprint: digits,
    peerFingerprint: [...digits].reverse(),
    safetyNumber: [...digits, ...[...digits].reverse()],
  };
}
