import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { PigeonApi } from '../../src-shared/contract';
import { useBridge } from '../bridge/bridge-context';

/** While typing goes on, "typing" is said again at most this often (keeps the peer's indicator alive). */
export const TYPING_REPEAT_MS = 3000;
/** This long without a keystroke and the user has stopped typing. */
export const TYPING_IDLE_MS = 4000;

export interface TypingSignal {
  /** The user typed something (call with the new text). */
  typed(text: string): void;
  /** The user stopped: sent, left the box, or emptied it. */
  stop(): void;
}

function tell(api: PigeonApi, conversationId: string, typing: boolean) {
  // A courtesy: a failure here is not worth a word to the user.
  api.setTyping({ conversationId, typing }).catch(() => undefined);
}

/** Tells the conversation's peer when the user is typing, throttled, and when they stop. */
export function useTypingSignal(conversationId: string): TypingSignal {
  const { api } = useBridge();
  const lastSaid = useRef<number | null>(null);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stop = useCallback(() => {
    if (idle.current !== null) clearTimeout(idle.current);
    idle.current = null;
    if (lastSaid.current === null) return;
    lastSaid.current = null;
    tell(api, conversationId, false);
  }, [api, conversationId]);

  const typed = useCallback(
    (text: string) => {
      if (text.length === 0) {
        stop();
        return;
      }
      const now = Date.now();
      if (lastSaid.current === null || now - lastSaid.current >= TYPING_REPEAT_MS) {
        lastSaid.current = now;
        tell(api, conversationId, true);
      }
      if (idle.current !== null) clearTimeout(idle.current);
      idle.current = setTimeout(stop, TYPING_IDLE_MS);
    },
    [api, conversationId, stop],
  );

  // Leaving the conversation (or the window closing) ends the typing.
  useEffect(() => stop, [stop]);

  return useMemo(() => ({ typed, stop }), [typed, stop]);
}
