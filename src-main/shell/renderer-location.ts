import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow } from 'electron';

/** Where Pigeon's renderer is loaded from, and how to recognise it again. */
export interface RendererLocation {
  /** Load the renderer at a hash route (`/chat/<id>`), or the contact list when omitted. */
  load(window: BrowserWindow, route?: string): Promise<void>;
  /** The renderer's own page (any hash): the only document allowed in a window or to call IPC. */
  isOwnPage(url: string): boolean;
  /** A resource the renderer itself serves: its page, scripts, styles, images. */
  isOwnResource(url: string): boolean;
  /** True when loading from the Vite dev server. */
  readonly development: boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server URL from PIGEON_RENDERER_URL, honoured only in an unpackaged app
 * and only when it points at this machine over http(s).
 */
export function devServerUrl(
  env: Record<string, string | undefined>,
  isPackaged: boolean,
): URL | undefined {
  const raw = env.PIGEON_RENDERER_URL;
  if (isPackaged || !raw) return undefined;
  const url = parseUrl(raw);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  if (!LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  url.hash = '';
  return url;
}

export function createRendererLocation(indexPath: string, devUrl?: URL): RendererLocation {
  if (devUrl) return devLocation(devUrl);
  const indexUrl = pathToFileURL(path.resolve(indexPath));
  const rendererDir = pathToFileURL(path.dirname(path.resolve(indexPath)) + path.sep).pathname;
  return {
    development: false,
    async load(window, route) {
      await window.loadFile(indexPath, route ? { hash: route } : undefined);
    },
    isOwnPage(url) {
      const parsed = parseUrl(url);
      return (
        parsed?.protocol === 'file:' &&
        parsed.host === indexUrl.host &&
        parsed.pathname === indexUrl.pathname &&
        parsed.search === ''
      );
    },
    isOwnResource(url) {
      const parsed = parseUrl(url);
      return (
        parsed?.protocol === 'file:' &&
        parsed.host === indexUrl.host &&
        parsed.pathname.startsWith(rendererDir)
      );
    },
  };
}

function devLocation(devUrl: URL): RendererLocation {
  const origin = devUrl.origin;
  const pagePaths = new Set([devUrl.pathname, '/', '/index.html']);
  return {
    development: true,
    async load(window, route) {
      const url = new URL(devUrl);
      if (route) url.hash = route;
      await window.loadURL(url.toString());
    },
    isOwnPage(url) {
      const parsed = parseUrl(url);
      return parsed?.origin === origin && pagePaths.has(parsed.pathname);
    },
    isOwnResource(url) {
      return parseUrl(url)?.origin === origin;
    },
  };
}

function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}
