// Files and folders through Debian's iptux (0.8.3+git20211122), driven like a person would:
// its chat window's "Accept" button and save-folder dialog to receive, its "Attach File" /
// "Attach Folder" choosers (Ctrl+S / Ctrl+D, path typed after Ctrl+L) and Ctrl+Return to
// send. iptux has no auto-receive setting and no command line for transfers; only the
// save dialog's starting folder comes from its config (archive_path).
import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IptuxPeer } from './iptux';
import { iptuxCommandOf, parseIptuxPacketLog } from './iptux-packets';
import { waitUntil } from './proc';
import { findWindow, waitForWindow } from './xvfb';

/**
 * Config keys for startIptux: where received files go, and a chat window large enough
 * that its file area (and the Accept button) lies on screen at a known place.
 */
export function iptuxFileConfig(downloadDir: string): Record<string, unknown> {
  return {
    archive_path: downloadDir,
    peer_window_width: CHAT_WIDTH,
    peer_window_height: CHAT_HEIGHT,
    peer_main_paned_divide: 420,
  };
}

const CHAT_WIDTH = 1000;
const CHAT_HEIGHT = 650;
/** The "Accept" button of "Files to be received", relative to the chat window laid out as above. */
const ACCEPT_BUTTON = { x: 805, y: 77 };
const ERE_SPECIAL = /[\\^$.[\]|()?*+{}]/g;

const xdotool = (iptux: IptuxPeer, ...args: string[]): Promise<unknown> =>
  iptux.screen.x('xdotool', args);

/** Opens (or finds) iptux's chat window with the pal shown as `nick`, at the screen's corner. */
export async function openIptuxChat(iptux: IptuxPeer, nick: string): Promise<string> {
  const title = new RegExp(`^Talk with ${nick.replace(ERE_SPECIAL, '\\$&')}\\(`);
  let chat = await findWindow(iptux.screen, title);
  if (chat === undefined) {
    const main = await waitForWindow(iptux.screen, /^Iptux$/);
    // Other chat windows may cover the pal list (no window manager raises it).
    await xdotool(iptux, 'windowraise', main);
    await xdotool(iptux, 'windowfocus', '--sync', main);
    // As in typeMessage: focus the pal list, type-ahead the nick, activate the pal.
    await xdotool(iptux, 'mousemove', '--window', main, '60', '540', 'click', '1');
    await xdotool(iptux, 'type', '--delay', '60', nick);
    await xdotool(iptux, 'key', 'Return');
    await xdotool(iptux, 'key', 'Return');
    chat = await waitForWindow(iptux.screen, title, 10_000);
  }
  // No window manager: place it so the file area is on screen.
  await xdotool(iptux, 'windowmove', chat, '0', '0');
  await xdotool(iptux, 'windowsize', chat, String(CHAT_WIDTH), String(CHAT_HEIGHT));
  return chat;
}

/** Lines iptux logged about finished receptions ("Receive the file/directory … successfully!"). */
export function iptuxReceivedPaths(iptux: IptuxPeer): string[] {
  const found = iptux
    .output()
    .matchAll(/Receive the (?:file|directory) "([^"]*)" from .* successfully!/g);
  return [...found].map((m) => m[1] ?? '');
}

/**
 * Accepts every file waiting in the chat with `nick` into iptux's archive_path: clicks
 * "Accept", then "_Save" in "Please select a folder to save files." (which opens there).
 * Resolves once iptux logged each of `expected` (full paths) as received.
 */
export async function acceptInIptux(
  iptux: IptuxPeer,
  nick: string,
  expected: readonly string[],
  timeoutMs = 30_000,
): Promise<void> {
  const chat = await openIptuxChat(iptux, nick);
  await xdotool(iptux, 'windowfocus', '--sync', chat);
  const x = String(ACCEPT_BUTTON.x);
  const y = String(ACCEPT_BUTTON.y);
  await xdotool(iptux, 'mousemove', '--window', chat, x, y, 'click', '1');
  const dialog = await waitForWindow(iptux.screen, /^Please select a folder to save files\.$/);
  await xdotool(iptux, 'windowmove', dialog, '0', '0');
  await xdotool(iptux, 'windowsize', dialog, String(CHAT_WIDTH), String(CHAT_HEIGHT));
  await sleep(1000);
  await xdotool(iptux, 'windowfocus', '--sync', dialog);
  await xdotool(iptux, 'key', 'alt+s');
  await waitUntil(
    `iptux to receive ${expected.join(', ')}`,
    () => {
      const done = iptuxReceivedPaths(iptux);
      return expected.every((path) => done.includes(path)) ? true : undefined;
    },
    timeoutMs,
  );
}

/** Picks `path` in a GTK file chooser: Ctrl+L, the path typed, then `confirm`. */
async function choosePath(
  iptux: IptuxPeer,
  chat: string,
  shortcut: string,
  title: RegExp,
  path: string,
  confirm: string,
): Promise<void> {
  await xdotool(iptux, 'windowfocus', '--sync', chat);
  await xdotool(iptux, 'key', shortcut);
  const chooser = await waitForWindow(iptux.screen, title);
  // It opens larger than the screen; bring it on screen (for screenshots), and let it
  // finish loading its folder, or the first keys are lost.
  await xdotool(iptux, 'windowmove', chooser, '0', '0');
  await xdotool(iptux, 'windowsize', chooser, String(CHAT_WIDTH), String(CHAT_HEIGHT));
  await sleep(1000);
  await xdotool(iptux, 'windowfocus', '--sync', chooser);
  await typeLocation(iptux, path);
  await xdotool(iptux, 'key', confirm);
  await waitUntil(
    `the chooser ${title} to close`,
    async () => ((await findWindow(iptux.screen, title)) === undefined ? true : undefined),
    10_000,
  );
}

/**
 * Types `path` into the focused file chooser's location entry and reads it back through
 * the clipboard (xclip): a key lost under load once left a file out of iptux's offer
 * with nothing to show for it. Retyped until the entry holds exactly `path`.
 */
async function typeLocation(iptux: IptuxPeer, path: string): Promise<void> {
  let holds = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    await xdotool(iptux, 'key', 'ctrl+l');
    await sleep(300);
    await xdotool(iptux, 'key', 'ctrl+a', 'BackSpace');
    // xdotool remaps a spare keycode for each non-ASCII character: give it time.
    await xdotool(iptux, 'type', '--delay', '100', path);
    await sleep(300);
    await xdotool(iptux, 'key', 'ctrl+a', 'ctrl+c');
    await sleep(100);
    const copied = await iptux.screen.x('xclip', ['-o', '-selection', 'clipboard'], {
      allowFailure: true,
    });
    holds = copied.stdout;
    await xdotool(iptux, 'key', 'End');
    if (holds === path) return;
    // GTK completes a folder's name with a '/'; kept, "Open" would enter the folder.
    if (holds === `${path}/`) {
      await xdotool(iptux, 'key', 'BackSpace');
      return;
    }
  }
  throw new Error(`the chooser's location holds ${JSON.stringify(holds)}, not ${path}`);
}

/**
 * Makes iptux offer files and folders to the pal `nick` in one message, as a user would:
 * "Attach File" (Ctrl+S) per file, "Attach Folder" (Ctrl+D) per folder, then Send.
 * In the folder chooser Return would open the typed folder, so "_Open" (Alt+O) is used.
 */
export async function sendFromIptux(
  iptux: IptuxPeer,
  nick: string,
  items: { files?: readonly string[]; folders?: readonly string[] },
): Promise<void> {
  const chat = await openIptuxChat(iptux, nick);
  for (const file of items.files ?? []) {
    await choosePath(iptux, chat, 'ctrl+s', /^Choose enclosure files$/, file, 'Return');
  }
  for (const folder of items.folders ?? []) {
    await choosePath(iptux, chat, 'ctrl+d', /^Choose enclosure folders$/, folder, 'alt+o');
  }
  await xdotool(iptux, 'windowfocus', '--sync', chat);
  await xdotool(iptux, 'key', 'ctrl+Return');
}

/**
 * Debian's iptux overflows its stack making any folder that does not exist yet while
 * receiving one (its AnalogFS::mkdir calls itself; iptux #472, fixed upstream in 2025 by
 * #656). Creating the folder skeleton in advance lets it receive the files into it.
 */
export async function precreateFolders(
  source: string,
  targetParent: string,
  name: string,
): Promise<void> {
  for (const dir of await listFolders(source)) {
    await mkdir(join(targetParent, name, dir), { recursive: true });
  }
}

async function listFolders(root: string, prefix = ''): Promise<string[]> {
  const found = [prefix];
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true })) {
    if (entry.isDirectory()) found.push(...(await listFolders(root, join(prefix, entry.name))));
  }
  return found;
}

/** Every entry under `root` as `relative path → sha256` (files) or `dir` (folders). */
export async function treeDigest(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const key = relative(root, path);
      if (entry.isDirectory()) {
        out[key] = 'dir';
        await walk(path);
      } else if ((await lstat(path)).isFile()) {
        out[key] = await fileDigest(path);
      }
    }
  };
  await walk(root);
  return out;
}

export async function fileDigest(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/** One entry of a file list as iptux received it: `fileID:name:size:mtime:attr…`. */
export interface WireAttachment {
  fileId: number;
  name: string;
  size: number;
  attr: number;
}

/**
 * The file lists of the offers (SENDMSG with FILEATTACHOPT) that iptux received from
 * `address`, read from its DEBUG packet log (start it with logLevel 'DEBUG').
 */
export function offersReceivedByIptux(iptux: IptuxPeer, address: string): WireAttachment[][] {
  return parseIptuxPacketLog(iptux.output())
    .filter((p) => p.direction === 'received' && p.address === address)
    .filter((p) => {
      const command = iptuxCommandOf(p.data) ?? 0;
      return (command & 0xff) === 0x20 && (command & 0x200000) !== 0;
    })
    .map((p) => {
      let extra = p.data;
      for (let i = 0; i < 5; i++) extra = extra.subarray(extra.indexOf(0x3a) + 1);
      const list = extra.subarray(extra.indexOf(0) + 1).toString('utf8');
      return list
        .split('\x07')
        .map((entry) => entry.replace(/^:/, '').split(':'))
        .filter((fields) => fields.length >= 5)
        .map(([id, name, size, , attr]) => ({
          fileId: Number(id),
          name: name ?? '',
          size: parseInt(size ?? '', 16),
          attr: parseInt(attr ?? '', 16),
        }));
    });
}
