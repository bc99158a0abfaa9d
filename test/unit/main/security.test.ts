import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { fakeEvent, FakeWebContents, resetFakeElectron, shell } from './fake-electron';
import { createRendererLocation, devServerUrl } from '../../../src-main/shell/renderer-location';
import {
  hardenWebContents,
  installSessionSecurity,
  openExternalSafely,
} from '../../../src-main/shell/security';

const index = path.resolve('/opt/pigeon/out/renderer/index.html');
const ownPage = `${pathToFileURL(index).href}#/chat/bob@pc2`;
const renderer = createRendererLocation(index);

function hardened() {
  const contents = new FakeWebContents();
  hardenWebContents(contents as never, renderer);
  return contents;
}

describe('openExternalSafely', () => {
  beforeEach(() => resetFakeElectron());

  it('hands http and https links to the browser', () => {
    expect(openExternalSafely('https://example.org/a?b=1')).toBe(true);
    expect(openExternalSafely('http://intranet/page')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledTimes(2);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.org/a?b=1');
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'not a url', ''])(
    'refuses %s',
    (url) => {
      expect(openExternalSafely(url)).toBe(false);
      expect(shell.openExternal).not.toHaveBeenCalled();
    },
  );
});

describe('hardenWebContents', () => {
  beforeEach(() => resetFakeElectron());

  it('prevents navigation to a foreign page and opens web links in the browser', () => {
    const contents = hardened();
    const event = fakeEvent('https://evil.example/');
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://evil.example/');

    const local = fakeEvent('file:///etc/passwd');
    contents.emit('will-navigate', local);
    expect(local.defaultPrevented).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it("lets the window navigate within Pigeon's own page", () => {
    const contents = hardened();
    const event = fakeEvent(ownPage);
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('prevents redirects away from the app', () => {
    const contents = hardened();
    const event = fakeEvent('https://evil.example/');
    contents.emit('will-redirect', event);
    expect(event.defaultPrevented).toBe(true);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('denies every window.open, passing only http(s) to the browser', () => {
    const contents = hardened();
    const open = contents.windowOpenHandler;
    expect(open).toBeDefined();
    expect(open?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'file:///home/ann/.ssh/id_rsa' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(open?.({ url: ownPage })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.org/');
  });

  it('refuses to attach a <webview>', () => {
    const contents = hardened();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, { src: 'https://example.org' });
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('renderer location', () => {
  it('recognises its own page with any hash, and nothing else', () => {
    expect(renderer.isOwnPage(ownPage)).toBe(true);
    expect(renderer.isOwnPage(pathToFileURL(index).href)).toBe(true);
    expect(renderer.isOwnPage(`${pathToFileURL(index).href}?x=1`)).toBe(false);
    expect(renderer.isOwnPage(pathToFileURL('/tmp/evil/index.html').href)).toBe(false);
    expect(renderer.isOwnPage('https://example.org/index.html')).toBe(false);
    expect(renderer.isOwnPage('garbage')).toBe(false);
  });

  it('takes a dev server URL only unpackaged and only on loopback', () => {
    const env = { PIGEON_RENDERER_URL: 'http://localhost:5173/' };
    expect(devServerUrl(env, false)?.origin).toBe('http://localhost:5173');
    expect(devServerUrl(env, true)).toBeUndefined();
    expect(
      devServerUrl({ PIGEON_RENDERER_URL: 'http://192.168.1.5:5173/' }, false),
    ).toBeUndefined();
    expect(devServerUrl({ PIGEON_RENDERER_URL: 'file:///tmp/x.html' }, false)).toBeUndefined();
    expect(devServerUrl({}, false)).toBeUndefined();
  });
});

describe('installSessionSecurity', () => {
  type RequestHandler = (
    contents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details: { requestingUrl: string },
  ) => void;
  type HeadersListener = (
    details: { url: string; resourceType: string; responseHeaders?: Record<string, string[]> },
    callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
  ) => void;

  function fakeSession() {
    const session = {
      request: undefined as RequestHandler | undefined,
      check: undefined as ((contents: unknown, permission: string) => boolean) | undefined,
      headers: undefined as HeadersListener | undefined,
      setPermissionRequestHandler(handler: RequestHandler) {
        session.request = handler;
      },
      setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean) {
        session.check = handler;
      },
      webRequest: {
        onHeadersReceived(listener: HeadersListener) {
          session.headers = listener;
        },
      },
    };
    return session;
  }

  function requestPermission(
    session: ReturnType<typeof fakeSession>,
    permission: string,
    url: string,
  ) {
    let granted: boolean | undefined;
    session.request?.({}, permission, (answer) => (granted = answer), { requestingUrl: url });
    return granted;
  }

  it('grants notifications to its own page and denies everything else', () => {
    const session = fakeSession();
    installSessionSecurity(session as never, renderer);
    expect(requestPermission(session, 'notifications', ownPage)).toBe(true);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'hid']) {
      expect(requestPermission(session, permission, ownPage)).toBe(false);
    }
    expect(requestPermission(session, 'notifications', 'https://evil.example/')).toBe(false);
    expect(session.check?.({ getURL: () => ownPage }, 'media')).toBe(false);
    expect(session.check?.({ getURL: () => ownPage }, 'notifications')).toBe(true);
    expect(session.check?.(null, 'notifications')).toBe(false);
  });

  it("adds a strict CSP to the dev server's documents and leaves others alone", () => {
    const session = fakeSession();
    const dev = createRendererLocation(index, new URL('http://localhost:5173/'));
    installSessionSecurity(session as never, dev);
    let response: { responseHeaders?: Record<string, string[]> } | undefined;
    session.headers?.(
      {
        url: 'http://localhost:5173/',
        resourceType: 'mainFrame',
        responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] },
      },
      (r) => (response = r),
    );
    const policy = response?.responseHeaders?.['Content-Security-Policy']?.[0] ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(response?.responseHeaders?.['content-security-policy']).toBeUndefined();
    expect(response?.responseHeaders?.['X-Other']).toEqual(['1']);

    session.headers?.(
      { url: 'https://example.org/', resourceType: 'mainFrame' },
      (r) => (response = r),
    );
    expect(response).toEqual({});
  });
});
