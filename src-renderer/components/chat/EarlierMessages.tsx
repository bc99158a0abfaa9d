import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface EarlierMessagesProps {
  loading: boolean;
  load(): Promise<void>;
  /** The button goes once the reader is no longer at the top: focus must go somewhere. */
  moveFocus(): void;
}

/**
 * Loads the page before the oldest message shown. Scrolling up does the same by
 * itself; the button is there for whoever does not scroll (keyboard, switch access).
 */
export function EarlierMessages({ loading, load, moveFocus }: EarlierMessagesProps) {
  const { t } = useTranslation();
  const button = useRef<HTMLButtonElement>(null);

  const onClick = async () => {
    if (loading) return;
    const hadFocus = button.current !== null && button.current === document.activeElement;
    await load();
    if (hadFocus) moveFocus();
  };

  return (
    <div className="earlier-messages">
      <button
        ref={button}
        type="button"
        className="pill-button"
        // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
        aria-disabled={loading}
        onClick={() => void onClick()}
      >
        {loading ? t('chat.loadingEarlier') : t('chat.loadEarlier')}
      </button>
    </div>
  );
}
