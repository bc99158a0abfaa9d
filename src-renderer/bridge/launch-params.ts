import type { Language } from '../../preload/contract';

export interface LaunchParams {
  /** Token of Pigeon's headless mode; present only when the page is served over HTTP. */
  token: string | undefined;
  /** Forced language (tests); otherwise the profile's language applies. */
  language: Language | undefined;
}

export function readLaunchParams(search: string): LaunchParams {
  const params = new URLSearchParams(search);
  const token = params.get('token') || undefined;
  const lang = params.get('lang');
  return { token, language: lang === 'zh-CN' || lang === 'en' ? lang : undefined };
}

export type Route = { kind: 'contacts' } | { kind: 'chat'; conversationId: string };

/** `#/` or nothing: the contact list; `#/chat/<id>`: a chat window. */
export function parseRoute(hash: string): Route {
  const match = /^#\/chat\/(.+)$/.exec(hash);
  if (!match?.[1]) return { kind: 'contacts' };
  let conversationId = match[1];
  try {
    conversationId = decodeURIComponent(conversationId);
  } catch {
    // Not percent-encoded after all: use it as it is.
  }
  return { kind: 'chat', conversationId };
}

export function chatHash(conversationId: string): string {
  return `#/chat/${encodeURIComponent(conversationId)}`;
}
