import type { KeyboardEvent } from 'react';

/**
 * A keydown handler for a panel, dialog or inline form: Escape closes it and goes no
 * further (a form inside a card must not close what holds the card), other keys pass.
 */
export function closeOnEscape(onClose: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onClose();
  };
}
