import type { SendKey } from '../../src-shared/contract';

/**
 * Whether a keydown in the composer sends, by the user's setting: with 'enter', Enter
 * sends and Shift+Enter breaks the line; with 'ctrl-enter', Ctrl (or ⌘) + Enter sends
 * and Enter breaks the line. An Enter that confirms an IME composition never sends.
 */
export function isSendKey(
  event: {
    key: string;
    shiftKey: boolean;
    altKey: boolean;
    ctrlKey: boolean;
    metaKey: boolean;
    isComposing: boolean;
    keyCode: number;
  },
  sendKey: SendKey = 'enter',
): boolean {
  if (event.key !== 'Enter' || event.shiftKey || event.altKey) return false;
  // keyCode 229: the key went to the IME (Safari reports the confirming Enter this way).
  if (event.isComposing || event.keyCode === 229) return false;
  return sendKey === 'enter' || event.ctrlKey || event.metaKey;
}
