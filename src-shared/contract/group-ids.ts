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

/** A Pigeon group (made by Pigeons, kept by its members) by its random id. */
export function pigeonGroupId(uuid: string): string {
  return `${GROUP_ID_PREFIX}pigeon:${uuid}`;
}

/** The random id back from a Pigeon group's id; undefined for any other id. */
export function pigeonGroupUuid(id: string): string | undefined {
  const prefix = `${GROUP_ID_PREFIX}pigeon:`;
  return id.startsWith(prefix) ? id.slice(prefix.length) : undefined;
}
