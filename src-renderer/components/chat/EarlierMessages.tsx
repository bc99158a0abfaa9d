import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { MESSAGE_PAGE_SIZE } from '../../bridge/session';
import { useAppStore } from '../../store/store-context';

interface EarlierMessagesProps {
  conversationId: string;
  oldestId: string | undefined;
  /** Called just before the older page is added, so the log keeps the reader's place. */
  beforeAdd(): void;
  /** The button goes once the reader is no longer at the top: focus must go somewhere. */
  moveFocus(): void;
}

/** Loads the page before the oldest message shown. */
export function EarlierMessages({
  conversationId,
  oldestId,
  beforeAdd,
  moveFocus,
}: EarlierMessagesProps) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const mergeOlderMessages = useAppStore((state) => state.mergeOlderMessages);
  const addNotice = useAppStore((state) => state.addNotice);
  const [loading, setLoading] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  const load = async () => {
    if (!oldestId || loading) return;
    const hadFocus = button.current !== null && button.current === document.activeElement;
    setLoading(true);
    try {
      const page = await api.listMessages({
        conversationId,
        before: oldestId,
        limit: MESSAGE_PAGE_SIZE,
      });
      beforeAdd();
      mergeOlderMessages(conversationId, page, MESSAGE_PAGE_SIZE);
      if (hadFocus) moveFocus();
    } catch (error) {
      addNotice({ code: 'earlier-messages', level: 'error', message: describeError(error) });
    } finally {
      setLoading(false);
    }
  };

  return (
    <div className="earlier-messages">
      <button
        ref={button}
        type="button"
        className="pill-button"
        // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
        aria-disabled={loading}
        onClick={() => void load()}
      >
        {loading ? t('chat.loadingEarlier') : t('chat.loadEarlier')}
      </button>
    </div>
  );
}
