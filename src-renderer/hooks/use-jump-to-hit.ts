import { useLayoutEffect, useRef, useState } from 'react';

/** How long the message jumped to stays lit. */
export const HIT_HIGHLIGHT_MS = 2500;

/**
 * Once the message a window was opened at is loaded, bring it into view (once: the
 * reader may scroll away) and say which message to light up, for a moment.
 */
export function useJumpToHit(
  targetId: string | undefined,
  ids: readonly string[],
  reveal: (index: number) => void,
): string | undefined {
  const jumped = useRef(false);
  const [expired, setExpired] = useState(false);
  const index = targetId === undefined ? -1 : ids.indexOf(targetId);

  useLayoutEffect(() => {
    if (jumped.current || index < 0) return;
    jumped.current = true;
    reveal(index);
    // Not cleared on unmount: setting state then is harmless, and StrictMode's trial
    // unmount would otherwise leave the light on for good.
    setTimeout(() => setExpired(true), HIT_HIGHLIGHT_MS);
  }, [index, reveal]);

  return index >= 0 && !expired ? targetId : undefined;
}
