import { useTranslation } from 'react-i18next';
import { useQuote, useQuotes } from '../../store/quotes';

/** The quote the next message will carry, above the composer, with a way to drop it. */
export function QuoteDraft({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const quote = useQuote(conversationId);
  const setQuote = useQuotes((state) => state.set);
  if (!quote) return null;
  return (
    <div
      className="quote-draft"
      role="group"
      aria-label={t('messageMenu.quoting', { name: quote.author })}
    >
      <p className="quote-draft-text">
        <span className="quote-draft-author">{quote.author}: </span>
        {quote.text}
      </p>
      <button
        type="button"
        className="link-button"
        onClick={() => setQuote(conversationId, undefined)}
      >
        {t('messageMenu.removeQuote')}
      </button>
    </div>
  );
}
