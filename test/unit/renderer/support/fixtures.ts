import type {
  ConversationDTO,
  MessageDTO,
  NetworkStatsDTO,
  PeerDTO,
  SelfDTO,
  SnapshotDTO,
} from '../../../../src-shared/contract';

export function peer(overrides: Partial<PeerDTO> & { nickname: string }): PeerDTO {
  const user = overrides.user ?? overrides.nickname.toLowerCase();
  const host = overrides.host ?? 'lan-pc';
  return {
    id: `${user}@${host}`,
    group: '',
    user,
    host,
    address: '192.168.1.20',
    port: 2425,
    status: 'online',
    client: 'ipmsg',
    version: '1',
    lastSeen: 1_700_000_000_000,
    ...overrides,
  };
}

export function message(overrides: Partial<MessageDTO> & { id: string }): MessageDTO {
  return {
    conversationId: 'alice@lan-pc',
    direction: 'in',
    text: `text of ${overrides.id}`,
    state: 'received',
    at: 1_700_000_000_000,
    ...overrides,
  };
}

export function conversation(
  overrides: Partial<ConversationDTO> & { peerId: string },
): ConversationDTO {
  return { id: overrides.peerId, unread: 0, ...overrides };
}

export const self: SelfDTO = {
  nickname: '小明',
  group: '研发部',
  user: 'ming',
  host: 'ming-pc',
  status: 'online',
  port: 2425,
  language: 'zh-CN',
  theme: 'system',
};

export const stats: NetworkStatsDTO = {
  datagramsIn: 1200,
  datagramsOut: 345,
  dropped: { malformed: 2, oversized: 1, rateLimited: 0, unknownCommand: 4 },
};

export function snapshot(overrides: Partial<SnapshotDTO> = {}): SnapshotDTO {
  return { self, peers: [], conversations: [], stats, ...overrides };
}
