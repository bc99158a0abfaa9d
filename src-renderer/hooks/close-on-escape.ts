import type { KeyboardEvent } from 'react';

/** A keydown handler for a panel or dialog: Escape closes it, other keys pass. */
export function closeOnEscape(onClose: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onClose();
  };
}
