import type { MessageDTO } from '../../src-shared/contract';

/** A sealed message we received and have not opened: main sends it without its text. */
export function isSealedAway(message: MessageDTO): boolean {
  return message.direction === 'in' && message.sealed === true && message.readAt === undefined;
}
