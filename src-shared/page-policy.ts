/**
 * The one Content-Security-Policy of Pigeon's pages. The renderer build writes it into
 * index.html's meta tag, Electron's main process sends it as a header, and headless mode
 * serves it with the page, so the three can never drift apart (a test compares them).
 * connect-src allows the loopback WebSocket headless mode's page talks over; the desktop
 * windows talk over IPC and open no connection.
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
];

/** What index.html's meta tag holds. */
export const PAGE_POLICY = DIRECTIVES.join('; ');

/** Sent as a header: frame-ancestors works only there (a meta tag's is ignored). */
export const PAGE_POLICY_HEADER = `${PAGE_POLICY}; frame-ancestors 'none'`;

/**
 * While Vite's dev server serves the page: its React refresh preamble is an inline script,
 * it injects styles inline and pushes hot updates over a WebSocket of its own.
 */
export function devServerPolicy(policy: string): string {
  return policy
    .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", "connect-src 'self' ws: wss:");
}

/** The placeholder index.html carries where the build writes the policy. */
export const PAGE_POLICY_PLACEHOLDER = '%PIGEON_PAGE_POLICY%';

/** The policy of a page's CSP meta tag, or undefined when it has none. */
export function pageMetaPolicy(html: string): string | undefined {
  const marker = html.indexOf('http-equiv="Content-Security-Policy"');
  if (marker < 0) return undefined;
  const end = html.indexOf('>', marker);
  const tag = html.slice(marker, end < 0 ? undefined : end);
  const start = tag.indexOf('content="');
  if (start < 0) return undefined;
  const value = tag.slice(start + 'content="'.length);
  const close = value.indexOf('"');
  return close < 0 ? undefined : value.slice(0, close);
}
