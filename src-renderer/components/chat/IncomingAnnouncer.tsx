import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStoreApi } from '../../store/store-context';
import { isSealedAway } from '../../format/sealed';

/**
 * Reads out messages that arrive while the window is open. The log itself is
 * virtualised (rows appear while scrolling), so it cannot be a live region.
 */
export function IncomingAnnouncer({
  conversationId,
  name,
}: {
  conversationId: string;
  name: string;
}) {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  const [announcement, setAnnouncement] = useState('');

  useEffect(
    () =>
      store.subscribe((state, previous) => {
        const entry = state.messages.get(conversationId);
        const before = previous.messages.get(conversationId);
        // The first page is history, not news.
        if (!entry || !before || entry === before) return;
        // Pages of history brought in after a jump to a search hit are not news either.
        if (before.hasNewer || entry.hasNewer) return;
        // Only a new newest message is news (not an older page, not a state change).
        const newestId = entry.ids[entry.ids.length - 1];
        if (newestId === undefined || before.byId.has(newestId)) return;
        const newest = entry.byId.get(newestId);
        if (newest?.direction === 'in') {
          // A message that only carries files has no text to read out.
          const offerOnly = newest.transferId !== undefined && newest.text.trim() === '';
          setAnnouncement(
            isSealedAway(newest)
              ? t('sealed.incoming', { name })
              : offerOnly
                ? t('transfer.incomingOffer', { name })
                : t('chat.incoming', { name, text: newest.text }),
          );
        }
      }),
    [store, conversationId, name, t],
  );

  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {announcement}
    </div>
  );
}
