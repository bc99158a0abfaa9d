import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../bridge/bridge-context';
import { failureText } from '../../bridge/known-problems';
import { useAppStore } from '../../store/store-context';
import { ShakeIcon } from '../common/icons';
import { IconButton } from '../common/IconButton';

/**
 * "Shake" (抖动): FeiQ's window shake. Only FeiQ and Pigeon show one, so only their
 * chats have the button. One shake per peer in 10 s: meanwhile the button stays
 * focusable but inert, and pressing it says why.
 */
export function ShakeButton({ peerId }: { peerId: string }) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const client = useAppStore((state) => state.peers.get(peerId)?.client);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const noteId = useId();

  useEffect(() => {
    if (waitUntil === null) return;
    const timer = setTimeout(
      () => {
        setWaitUntil(null);
        setNote(null);
      },
      Math.max(0, waitUntil - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [waitUntil]);

  if (client !== 'feiq' && client !== 'pigeon') return null;

  const shake = async () => {
    if (waitUntil !== null) {
      setNote(t('shake.wait'));
      return;
    }
    try {
      const { nextAt } = await api.shake({ peerId });
      setNote(null);
      setWaitUntil(nextAt);
    } catch (failure) {
      setNote(failureText(t, failure));
    }
  };

  return (
    <>
      <IconButton
        label={t('shake.button')}
        className="shake-button"
        aria-disabled={waitUntil !== null}
        aria-describedby={note ? noteId : undefined}
        onClick={() => void shake()}
      >
        <ShakeIcon />
      </IconButton>
      {note && (
        <span id={noteId} className="shake-note" role="status">
          {note}
        </span>
      )}
    </>
  );
}
