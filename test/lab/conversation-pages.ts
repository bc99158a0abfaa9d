// Reads a whole conversation from a Pigeon on a lab host, page by page (listMessages
// returns at most 500 at a time), oldest first.
import type { MessageDTO } from '../../src-shared/contract';
import type { PigeonOnHost } from './pigeon-on-host';

const PAGE = 500;

export async function wholeConversation(
  pigeon: PigeonOnHost,
  conversationId: string,
): Promise<MessageDTO[]> {
  let page = await pigeon.call('listMessages', { conversationId, limit: PAGE });
  const pages: MessageDTO[][] = [page];
  while (page.length === PAGE) {
    const before = page[0]!.id;
    page = await pigeon.call('listMessages', { conversationId, before, limit: PAGE });
    pages.unshift(page);
  }
  return pages.flat();
}
