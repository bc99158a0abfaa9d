import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { typeChecked } from './iptux-typing';
import { parseCommunicateLog, type IptuxLogEntry } from './iptux-log';
import type { Lan } from './lan';
import { hasExited, waitUntil } from './proc';
import { findWindow, startXvfb, waitForWindow, type VirtualDisplay } from './xvfb';

export type { IptuxLogEntry } from './iptux-log';

export interface IptuxOptions {
  /** Shown to peers (default 'IptuxBot'). */
  nick?: string;
  /** Group name (default 'qa'). */
  group?: string;
  /** More keys for ~/.iptux/config.json (e.g. personal_sign, scan_net_segment). */
  config?: Record<string, unknown>;
  /** iptux -l level (default INFO: every packet sent and received is logged). */
  logLevel?: 'DEBUG' | 'INFO' | 'WARN';
  /** How long to wait for its UDP bind and main window (default 30 s). */
  readyTimeoutMs?: number;
  /** Prepares iptux's HOME (e.g. a custom icon file) before it starts. */
  beforeStart?: (home: string) => Promise<void>;
}

/** Debian's iptux, a real IPMsg peer, running on one lab host under Xvfb. */
export interface IptuxPeer {
  readonly host: string;
  readonly address: string;
  readonly nick: string;
  readonly group: string;
  /** PID of dbus-run-session, which leads the process group holding iptux and its bus. */
  readonly pid: number;
  readonly home: string;
  /** $HOME/.config/iptux/log/communicate.log */
  readonly logPath: string;
  readonly screen: VirtualDisplay;
  /** iptux's own log lines (stdout + stderr). */
  output(): string;
  /** The raw chat log ('' before the first message). */
  readCommunicateLog(): Promise<string>;
  /** The chat log, parsed. */
  communicateEntries(): Promise<IptuxLogEntry[]>;
  /** Waits for a chat log entry that matches. */
  waitForEntry(
    match: (entry: IptuxLogEntry) => boolean,
    timeoutMs?: number,
  ): Promise<IptuxLogEntry>;
  /** Saves a PNG of its virtual screen. */
  screenshot(path: string): Promise<void>;
  /** Calls `listener` with everything iptux prints from now on; returns a function that stops it. */
  onOutput(listener: (chunk: string) => void): () => void;
  /**
   * Opens iptux's chat window with the pal shown as `nick` (if it is not open yet) and
   * resolves with its X window id.
   */
  openChat(nick: string): Promise<string>;
  /**
   * Makes iptux send `text` to the pal shown as `nick`, through its UI: opens the chat
   * window if needed, types, presses Ctrl+Return (Return alone adds a line). Resolves
   * once iptux has logged the message as sent.
   */
  typeMessage(nick: string, text: string): Promise<void>;
  /** Quits cleanly (Ctrl+Q), so iptux sends BR_EXIT; then stops its display. */
  quit(): Promise<void>;
  /** Kills it (it sends nothing) and its display, and removes its home. */
  stop(): Promise<void>;
}

const ERE_SPECIAL = /[\\^$.[\]|()?*+{}]/g;

/** Starts iptux on `host`; resolves once it has bound UDP 2425 and shows its window. */
export async function startIptux(
  lan: Lan,
  host: string,
  opts: IptuxOptions = {},
): Promise<IptuxPeer> {
  const nick = opts.nick ?? 'IptuxBot';
  const group = opts.group ?? 'qa';
  const home = await mkdtemp(join(tmpdir(), `pigeon-iptux-${host}-`));
  const logDir = join(home, '.config', 'iptux', 'log');
  // On a first run iptux creates the log directory only after opening the log: make it first.
  await mkdir(logDir, { recursive: true });
  await mkdir(join(home, '.iptux'), { recursive: true });
  const config = {
    nick_name: nick,
    belong_group: group,
    record_log: true,
    open_chat: false,
    ...opts.config,
  };
  await writeFile(join(home, '.iptux', 'config.json'), JSON.stringify(config));
  await opts.beforeStart?.(home);

  const screen = await startXvfb(lan, host);
  // A clean environment; dbus-run-session keeps GTK from auto-launching a session bus
  // that would outlive the test.
  const env = [
    'PATH=/usr/bin:/bin',
    `HOME=${home}`,
    `DISPLAY=${screen.display}`,
    'LANG=C.UTF-8',
    'NO_AT_BRIDGE=1',
  ];
  const child = lan.spawnOn(
    host,
    'env',
    ['-i', ...env, 'dbus-run-session', '--', 'iptux', '-l', opts.logLevel ?? 'INFO'],
    { cwd: home },
  );
  const pid = child.pid;
  const logPath = join(logDir, 'communicate.log');

  const stop = async (): Promise<void> => {
    await lan.stop(child);
    await screen.stop();
    await rm(home, { recursive: true, force: true });
  };

  try {
    if (pid === undefined) throw new Error('iptux did not start');
    const timeout = opts.readyTimeoutMs ?? 30_000;
    await waitUntil(
      `iptux on ${host} to bind UDP 2425`,
      () => {
        const out = lan.outputOf(child);
        if (hasExited(child)) throw new Error(`iptux on ${host} exited early:\n${out}`);
        return /bind UDP port\(.*\) success/.test(out) ? true : undefined;
      },
      timeout,
    );
    await waitForWindow(screen, /^Iptux$/, timeout);
  } catch (error) {
    await stop();
    throw error;
  }

  const readCommunicateLog = async (): Promise<string> => {
    try {
      return await readFile(logPath, 'utf8');
    } catch {
      return '';
    }
  };
  const communicateEntries = async (): Promise<IptuxLogEntry[]> =>
    parseCommunicateLog(await readCommunicateLog());
  const waitForEntry = (
    match: (entry: IptuxLogEntry) => boolean,
    timeoutMs = 10_000,
  ): Promise<IptuxLogEntry> =>
    waitUntil(
      `an iptux chat log entry on ${host}`,
      async () => (await communicateEntries()).find(match),
      timeoutMs,
    );
  const xdotool = (...args: string[]): Promise<unknown> => screen.x('xdotool', args);

  const openChat = async (toNick: string): Promise<string> => {
    const title = new RegExp(`^Talk with ${toNick.replace(ERE_SPECIAL, '\\$&')}\\(`);
    const open = await findWindow(screen, title);
    if (open !== undefined) return open;
    const main = await waitForWindow(screen, /^Iptux$/);
    await xdotool('windowfocus', '--sync', main);
    // A click on the blank part of the pal list gives the list keyboard focus;
    // typing then starts GTK's interactive search, which selects the first pal
    // whose name starts with what was typed.
    await xdotool('mousemove', '--window', main, '60', '540', 'click', '1');
    await xdotool('type', '--delay', '60', toNick);
    await xdotool('key', 'Return'); // closes the search box
    await xdotool('key', 'Return'); // activates the pal: opens the chat window
    return waitForWindow(screen, title, 10_000);
  };

  return {
    host,
    address: lan.host(host).address,
    nick,
    group,
    pid,
    home,
    logPath,
    screen,
    output: () => lan.outputOf(child),
    readCommunicateLog,
    communicateEntries,
    waitForEntry,
    screenshot: (path) => screen.screenshot(path),
    onOutput(listener) {
      const take = (data: Buffer): void => listener(data.toString('utf8'));
      child.stdout?.on('data', take);
      child.stderr?.on('data', take);
      return () => {
        child.stdout?.off('data', take);
        child.stderr?.off('data', take);
      };
    },
    openChat,
    async typeMessage(toNick, text) {
      const sentBefore = (await communicateEntries()).filter((e) => e.direction === 'sent').length;
      const chat = await openChat(toNick);
      await xdotool('windowfocus', '--sync', chat);
      await typeChecked(
        (args) => xdotool(...args),
        (args) => screen.x('xclip', args, { allowFailure: true }),
        text,
      );
      await xdotool('key', 'ctrl+Return');
      await waitUntil(
        `iptux on ${host} to send ${JSON.stringify(text)} to ${toNick}`,
        async () => {
          const sent = (await communicateEntries()).filter((e) => e.direction === 'sent');
          return sent.slice(sentBefore).find((e) => e.nick === toNick && e.text === text);
        },
        10_000,
      );
    },
    async quit() {
      const main = await waitForWindow(screen, /^Iptux$/);
      await xdotool('windowfocus', '--sync', main);
      await xdotool('key', 'ctrl+q');
      await waitUntil(
        `iptux on ${host} to quit`,
        () => (hasExited(child) ? true : undefined),
        10_000,
      );
      await stop();
    },
    stop,
  };
}
