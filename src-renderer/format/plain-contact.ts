import type { PlainContactDTO, PlainEncoding } from '../../src-shared/contract';

/** How each encoding a plain contact can use is named to the user. */
export const ENCODING_NAMES: Readonly<Record<PlainEncoding, string>> = {
  utf8: 'UTF-8',
  gbk: 'GBK',
};

/**
 * Whether a conversation is with a plain contact (main names them `udp:<host>:<port>`,
 * `tcp:<host>:<port>` or `tcp-listen:<local port>`); by id, because the conversation
 * outlives a removed contact.
 */
export const isPlainConversation = (conversationId: string): boolean =>
  /^(?:udp|tcp|tcp-listen):/.test(conversationId);

/**
 * Where a plain contact is, in a few characters for its row: host:port for UDP (as
 * before TCP came), "TCP host:port" for a program Pigeon connects to, and for one
 * that connects to Pigeon the local port waited on, from which host if one is named.
 */
export function plainContactPlace(plain: PlainContactDTO): string {
  if (plain.protocol !== 'tcp') return `${plain.host}:${plain.port}`;
  if (plain.connection !== 'listen') return `TCP ${plain.host}:${plain.port}`;
  return plain.host ? `TCP :${plain.port} ← ${plain.host}` : `TCP :${plain.port}`;
}
