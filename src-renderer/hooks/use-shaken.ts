import { useEffect, useState } from 'react';
import { useAppStore } from '../store/store-context';

/** How long the window shakes (or, with reduced motion, stays highlighted). */
export const SHAKE_MS = 500;

/**
 * True for half a second after `peerId` shakes the window. Only shakes that arrive while
 * the window is open count: one from before it opened is already a line in the log.
 */
export function useShaken(peerId: string): boolean {
  const at = useAppStore((state) => state.shakes.get(peerId));
  // The shake already over: the one the window opened with, then each that has played.
  const [over, setOver] = useState(at);
  useEffect(() => {
    if (at === over) return;
    const timer = setTimeout(() => setOver(at), SHAKE_MS);
    return () => clearTimeout(timer);
  }, [at, over]);
  return at !== over;
}
