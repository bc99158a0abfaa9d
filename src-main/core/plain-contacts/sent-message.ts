// What a send to a plain program did to the message: delivered (with a note when some
// characters could not be written in the contact's encoding) or failed with the reason.
import type { MessageDTO, PlainEncoding } from '../../../src-shared/contract';

const ENCODING_NAMES = { utf8: 'UTF-8', gbk: 'GBK' } as const;

export function afterSend(
  message: MessageDTO,
  result: { error?: string; unrepresentable: number },
  encoding: PlainEncoding,
): MessageDTO {
  if (result.error !== undefined) return { ...message, state: 'failed', error: result.error };
  const delivered: MessageDTO = { ...message, state: 'delivered' };
  delete delivered.error;
  if (result.unrepresentable > 0) {
    // Sent anyway (the rest of the text matters more); the note says what was lost.
    delivered.error = `${result.unrepresentable} character(s) cannot be written in ${ENCODING_NAMES[encoding]} and went out as "?".`;
  }
  return delivered;
}
