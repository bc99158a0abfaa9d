import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { ContractError } from '../../src-shared/contract';
import { isPictureOf } from '../adapters/picture-check';
import { writePicture } from '../adapters/picture-file';

/** A region capture: the program and its arguments, `FILE` standing for where it writes. */
interface CaptureTool {
  command: string;
  args: readonly string[];
}

const FILE = '\0file';

/**
 * Each system's own region capture, most common first. Linux has no single one: the
 * desktop's tool when there is one, else a plain X tool. The user drags a region; Esc
 * cancels, and the tool then writes nothing.
 */
const TOOLS: Partial<Record<NodeJS.Platform, readonly CaptureTool[]>> = {
  darwin: [{ command: 'screencapture', args: ['-i', '-x', FILE] }],
  linux: [
    { command: 'gnome-screenshot', args: ['-a', '-f', FILE] },
    { command: 'spectacle', args: ['-b', '-n', '-r', '-o', FILE] },
    { command: 'xfce4-screenshooter', args: ['-r', '-s', FILE] },
    { command: 'flameshot', args: ['gui', '-p', FILE] },
    { command: 'scrot', args: ['-s', '-o', FILE] },
    { command: 'import', args: [FILE] },
  ],
};

/** How long the Windows snipping overlay may stay open before Pigeon stops waiting. */
const WINDOWS_WAIT_MS = 120_000;

export interface ScreenshotOptions {
  platform: NodeJS.Platform;
  /** Where captures are kept until sent (the user's own data folder: they may be private). */
  folder: string;
  /** Runs a program to its end, resolving to its exit code; rejects (ENOENT) when absent. */
  run(command: string, args: readonly string[]): Promise<number>;
  /** Windows: the clipboard's picture as PNG bytes (empty when it holds none). */
  clipboardPng(): Promise<Uint8Array>;
  /** Windows: open the system's snipping overlay, which puts the region on the clipboard. */
  openSnipping(): Promise<void>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Screenshots (截图) for the desktop app: the system's region capture, its picture saved
 * where offerFiles can read it. Resolves to the picture's path, or undefined when the
 * user cancelled.
 */
export function createScreenshotTaker(
  options: ScreenshotOptions,
): () => Promise<string | undefined> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const name = () => `Screenshot ${new Date(now()).toISOString().replace(/[:.]/g, '-')}.png`;

  const fromClipboard = async (): Promise<string | undefined> => {
    const before = Buffer.from(await options.clipboardPng());
    await options.openSnipping();
    for (const end = now() + WINDOWS_WAIT_MS; now() < end;) {
      await sleep(300);
      const png = await options.clipboardPng();
      if (png.length > 0 && !before.equals(png)) return writePicture(options.folder, name(), png);
    }
    return undefined;
  };

  const withTool = async (tools: readonly CaptureTool[]): Promise<string | undefined> => {
    await mkdir(options.folder, { recursive: true, mode: 0o700 });
    const file = path.join(options.folder, `.capture-${now()}.png`);
    try {
      for (const tool of tools) {
        const args = tool.args.map((arg) => (arg === FILE ? file : arg));
        try {
          await options.run(tool.command, args);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
          throw error;
        }
        // Cancelled (Esc): the tool wrote nothing, or nothing that is a picture.
        const bytes = await readFile(file).catch(() => Buffer.alloc(0));
        if (!isPictureOf('image/png', bytes)) return undefined;
        return await writePicture(options.folder, name(), bytes);
      }
      throw new ContractError(
        'failed',
        `No screenshot tool was found: install one of ${tools.map((t) => t.command).join(', ')}.`,
      );
    } finally {
      await rm(file, { force: true });
    }
  };

  return async () => {
    if (options.platform === 'win32') return fromClipboard();
    const tools = TOOLS[options.platform];
    if (!tools) throw new ContractError('failed', 'Screenshots are not supported on this system.');
    return withTool(tools);
  };
}
