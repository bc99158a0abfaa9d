/**
 * Group conversations are told apart from one-to-one ones by their id alone, so the
 * renderer, the store and the core agree without asking each other. Zod-free: the
 * renderer imports it at run time.
 */
export const GROUP_ID_PREFIX = 'group:';

export function isGroupId(conversationId: string): boolean {
  return conversationId.startsWith(GROUP_ID_PREFIX);
}

/** iptux's everyone-on-the-LAN broadcast (IPTUX BROADCASTOPT). */
export const BROADCAST_GROUP_ID = `${GROUP_ID_PREFIX}broadcast`;
/** iptux's same-network-segment group (IPTUX SEGMENTOPT). */
export const SEGMENT_GROUP_ID = `${GROUP_ID_PREFIX}iptux-segment`;
