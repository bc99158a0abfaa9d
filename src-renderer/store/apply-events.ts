import type {
  ConversationDTO,
  MessageDTO,
  PeerDTO,
  PigeonEvent,
  TransferDTO,
} from '../../src-shared/contract';
import { upsertLiveMessages } from './conversation-messages';
import { withoutMessages } from './removed-messages';
import { dismissNotice, pushNotice } from './notices';
import { upsertTransfers } from './transfers';
import { keepWarning } from './trust-warnings';
import type { AppData } from './state';

/**
 * Apply one batch of events to the data, returning only the parts that changed.
 * Each part is copied at most once per batch. Unknown event types are ignored,
 * so an older window survives a newer main process.
 */
export function reduceEvents(state: AppData, events: readonly PigeonEvent[]): Partial<AppData> {
  const next: Partial<AppData> = {};
  let peers: Map<string, PeerDTO> | undefined;
  let remarks: Map<string, string> | undefined;
  let conversations: Map<string, ConversationDTO> | undefined;
  let typing: Set<string> | undefined;
  const messagesByConversation = new Map<string, MessageDTO[]>();
  const transfers: TransferDTO[] = [];
  const removed = new Set<string>();
  const setTyping = (conversationId: string, on: boolean) => {
    if ((typing ?? state.typing).has(conversationId) === on) return;
    typing ??= new Set(state.typing);
    if (on) typing.add(conversationId);
    else typing.delete(conversationId);
  };

  for (const event of events) {
    switch (event.type) {
      case 'peer':
        peers ??= new Map(state.peers);
        peers.set(event.peer.id, event.peer);
        break;
      case 'conversation':
        conversations ??= new Map(state.conversations);
        conversations.set(event.conversation.id, event.conversation);
        break;
      case 'group': {
        const groups = new Map(next.groups ?? state.groups);
        groups.set(event.group.id, event.group);
        next.groups = groups;
        break;
      }
      case 'message': {
        const { conversationId } = event.message;
        // The peer's message arrived: whatever it was typing is done.
        if (event.message.direction === 'in') setTyping(conversationId, false);
        // Only conversations this window shows keep their messages in memory.
        if (!state.messages.has(conversationId)) break;
        const list = messagesByConversation.get(conversationId) ?? [];
        list.push(event.message);
        messagesByConversation.set(conversationId, list);
        break;
      }
      case 'message-removed':
        removed.add(event.messageId);
        break;
      case 'typing':
        setTyping(event.conversationId, event.typing);
        break;
      case 'transfer':
        // Like messages: only conversations this window shows.
        // Electron passes batches unchecked: a malformed one is skipped, not fatal.
        if (state.messages.has(event.transfer?.conversationId)) transfers.push(event.transfer);
        break;
      case 'peer-removed':
        if ((peers ?? state.peers).has(event.peerId)) {
          peers ??= new Map(state.peers);
          peers.delete(event.peerId);
        }
        break;
      case 'remark':
        remarks ??= new Map(state.remarks);
        if (event.remark) remarks.set(event.peerId, event.remark);
        else remarks.delete(event.peerId);
        break;
      case 'self':
        next.self = event.self;
        break;
      case 'stats':
        next.stats = event.stats;
        break;
      case 'settings':
        next.networkSettings = event.settings;
        break;
      case 'notice':
        next.notices = pushNotice(next.notices ?? state.notices, {
          code: event.code,
          level: event.level,
          message: event.message,
        });
        break;
      case 'peer-refused': {
        const refused = new Map(next.refused ?? state.refused);
        refused.set(event.peerId, event.at);
        next.refused = refused;
        break;
      }
      case 'shake': {
        const shakes = new Map(next.shakes ?? state.shakes);
        shakes.set(event.peerId, event.at);
        next.shakes = shakes;
        break;
      }
      case 'unsupported': {
        const unsupported = new Map(next.unsupported ?? state.unsupported);
        const kinds = new Map(unsupported.get(event.peerId));
        kinds.set(event.what, event.at);
        unsupported.set(event.peerId, kinds);
        next.unsupported = unsupported;
        break;
      }
      case 'trust-warning':
        next.trustWarnings = keepWarning(next.trustWarnings ?? state.trustWarnings, event.warning);
        break;
      case 'notice-cleared':
        next.notices = dismissNotice(next.notices ?? state.notices, event.code);
        break;
      default:
        break;
    }
  }

  if (peers) next.peers = peers;
  if (remarks) next.remarks = remarks;
  if (transfers.length > 0) next.transfers = upsertTransfers(state.transfers, transfers);
  if (typing) next.typing = typing;
  if (conversations) next.conversations = conversations;
  if (messagesByConversation.size > 0) {
    const messages = new Map(state.messages);
    for (const [conversationId, list] of messagesByConversation) {
      const entry = messages.get(conversationId);
      if (entry) messages.set(conversationId, upsertLiveMessages(entry, list));
    }
    next.messages = messages;
  }
  if (removed.size > 0) {
    const messages = new Map(next.messages ?? state.messages);
    for (const [conversationId, entry] of messages)
      messages.set(conversationId, withoutMessages(entry, removed));
    next.messages = messages;
  }
  return next;
}
