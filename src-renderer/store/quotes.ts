import { create } from 'zustand';
import type { QuotedMessage } from '../format/quote';

interface Quotes {
  /** The message the next one replies to, per conversation. */
  byConversation: ReadonlyMap<string, QuotedMessage>;
  set(conversationId: string, quote: QuotedMessage | undefined): void;
}

/**
 * What "Quote" put in the composer: kept beside the log and the composer, which both
 * reach it (the menu sets it, the composer sends and clears it). One per window.
 */
export const useQuotes = create<Quotes>()((set) => ({
  byConversation: new Map(),
  set: (conversationId, quote) =>
    set((state) => {
      const byConversation = new Map(state.byConversation);
      if (quote) byConversation.set(conversationId, quote);
      else byConversation.delete(conversationId);
      return { byConversation };
    }),
}));

export const useQuote = (conversationId: string): QuotedMessage | undefined =>
  useQuotes((state) => state.byConversation.get(conversationId));
