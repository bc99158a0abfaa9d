import type { PigeonEvent } from '../../src-shared/contract';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const hasId = (value: unknown): boolean => isRecord(value) && typeof value.id === 'string';

/**
 * Enough shape for the store to file an event without tripping over it. Events of
 * unknown types pass: the store ignores them, so a newer main does not break an
 * older window.
 */
export function isEventLike(value: unknown): value is PigeonEvent {
  if (!isRecord(value) || typeof value.type !== 'string') return false;
  switch (value.type) {
    case 'peer':
      return hasId(value.peer);
    case 'conversation':
      return hasId(value.conversation);
    case 'group':
      return hasId(value.group) && isRecord(value.group) && Array.isArray(value.group.members);
    case 'message':
      return (
        hasId(value.message) &&
        isRecord(value.message) &&
        typeof value.message.conversationId === 'string' &&
        typeof value.message.at === 'number'
      );
    case 'self':
      return isRecord(value.self);
    case 'stats':
      return isRecord(value.stats);
    case 'settings':
      return isRecord(value.settings);
    case 'typing':
      return typeof value.conversationId === 'string' && typeof value.typing === 'boolean';
    case 'transfer':
      return (
        hasId(value.transfer) &&
        isRecord(value.transfer) &&
        typeof value.transfer.conversationId === 'string' &&
        typeof value.transfer.messageId === 'string' &&
        Array.isArray(value.transfer.items)
      );
    case 'peer-removed':
      return typeof value.peerId === 'string';
    case 'peer-refused':
      return typeof value.peerId === 'string' && typeof value.at === 'number';
    case 'unsupported':
      return (
        typeof value.peerId === 'string' &&
        typeof value.what === 'string' &&
        typeof value.at === 'number'
      );
    case 'shake':
      return typeof value.peerId === 'string' && typeof value.at === 'number';
    case 'notice':
      return typeof value.code === 'string' && typeof value.message === 'string';
    case 'trust-warning':
      return (
        isRecord(value.warning) &&
        typeof value.warning.peerId === 'string' &&
        typeof value.warning.address === 'string'
      );
    case 'notice-cleared':
      return typeof value.code === 'string';
    default:
      return true;
  }
}
