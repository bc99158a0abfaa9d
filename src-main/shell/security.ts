import { shell, type Session, type WebContents } from 'electron';
import { devServerPolicy, PAGE_POLICY_HEADER } from '../../src-shared/page-policy';
import type { RendererLocation } from './renderer-location';

/**
 * Open a link in the user's browser, the one way out of Pigeon. Only http(s):
 * file:, javascript:, smb: and friends could run or reveal things locally.
 * Returns whether the link was handed to the browser.
 */
export function openExternalSafely(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  shell.openExternal(parsed.toString()).catch((error: unknown) => {
    console.warn('Pigeon could not open a link in the browser:', error);
  });
  return true;
}

/**
 * Lock a window's contents to Pigeon's own page: no navigation or redirect
 * elsewhere, no new windows, no <webview>. Links go to the browser instead.
 */
export function hardenWebContents(contents: WebContents, renderer: RendererLocation): void {
  contents.on('will-navigate', (event) => {
    if (renderer.isOwnPage(event.url)) return;
    event.preventDefault();
    // A clicked link in a message: show it in the browser, never in Pigeon.
    if (event.isMainFrame) openExternalSafely(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!renderer.isOwnPage(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
}

/**
 * Permissions a Pigeon page may have. Notifications, and writing (never reading)
 * the clipboard so "copy message" works; everything else is refused.
 */
const GRANTED_PERMISSIONS = new Set<string>(['notifications', 'clipboard-sanitized-write']);

export function isPermissionGranted(
  permission: string,
  pageUrl: string,
  renderer: RendererLocation,
): boolean {
  return GRANTED_PERMISSIONS.has(permission) && renderer.isOwnPage(pageUrl);
}

/** The header for Pigeon's pages: the one page policy (relaxed for the dev server). */
export function contentSecurityPolicy(development: boolean): string {
  return development ? devServerPolicy(PAGE_POLICY_HEADER) : PAGE_POLICY_HEADER;
}

/** Permission handlers and the CSP header for the session every window shares. */
export function installSessionSecurity(session: Session, renderer: RendererLocation): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, renderer));
  });
  session.setPermissionCheckHandler(
    (contents, permission) =>
      contents !== null && isPermissionGranted(permission, contents.getURL(), renderer),
  );
  const policy = contentSecurityPolicy(renderer.development);
  // Chromium sends no headers for file:// pages (the meta tag covers them);
  // this covers the dev server and anything served over a protocol.
  session.webRequest.onHeadersReceived((details, callback) => {
    const isDocument = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
    if (!isDocument || !renderer.isOwnResource(details.url)) {
      callback({});
      return;
    }
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
}
