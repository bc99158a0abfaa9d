import type { RunResult } from './proc';

type Run = (args: string[]) => Promise<unknown>;
type Clipboard = (args: string[]) => Promise<RunResult>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Types `text` into the focused iptux text box and reads it back through the clipboard
 * (xclip), retyping until the box holds exactly it. Under load xdotool once lost a key
 * (or the remapped keycode of a Chinese character) and the test then waited for a message
 * iptux never had; now a lost key is retyped, and a box that never holds the text says
 * what it held instead.
 */
export async function typeChecked(xdotool: Run, clipboard: Clipboard, text: string): Promise<void> {
  // xdotool remaps a spare keycode for each non-ASCII character: give it time.
  const delay = /^[\x20-\x7e\n]*$/.test(text) ? '30' : '120';
  let holds = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    await xdotool(['key', 'ctrl+a', 'BackSpace']);
    await xdotool(['type', '--delay', delay, text]);
    await sleep(200);
    await xdotool(['key', 'ctrl+a', 'ctrl+c']);
    await sleep(100);
    holds = (await clipboard(['-o', '-selection', 'clipboard'])).stdout;
    await xdotool(['key', 'ctrl+End']);
    if (holds === text) return;
  }
  throw new Error(
    `iptux's message box holds ${JSON.stringify(holds)}, not ${JSON.stringify(text)}`,
  );
}
