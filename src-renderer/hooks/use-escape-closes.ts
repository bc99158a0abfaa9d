import { useEffect } from 'react';

/**
 * Esc closes the window, as in desktop messengers. A dialog, menu or picker that handles
 * Esc itself stops it first (closeOnEscape), so it never reaches the window.
 */
export function useEscapeCloses(close: () => void = () => window.close()): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
      close();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [close]);
}
