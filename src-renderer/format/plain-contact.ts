import type { PlainEncoding } from '../../src-shared/contract';

/** How each encoding a plain UDP contact can use is named to the user. */
export const ENCODING_NAMES: Readonly<Record<PlainEncoding, string>> = {
  utf8: 'UTF-8',
  gbk: 'GBK',
};

/**
 * Whether a conversation is with a plain UDP contact (main names them `udp:<host>:<port>`);
 * by id, because the conversation outlives a removed contact.
 */
export const isPlainConversation = (conversationId: string): boolean =>
  /^(?:udp|tcp|tcp-listen):/.test(conversationId);
