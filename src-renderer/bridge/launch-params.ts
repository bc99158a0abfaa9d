import type { Language } from '../../src-shared/contract';

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

export type Route =
  | { kind: 'contacts' }
  /** The desktop app's settings window: `#/settings`. */
  | { kind: 'settings' }
  | {
      kind: 'chat';
      conversationId: string;
      /** A message to open the chat at (a search hit): `#/chat/<id>?message=<messageId>`. */
      messageId?: string;
    };

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    // Not percent-encoded after all: use it as it is.
    return part;
  }
}

/**
 * `#/` or nothing: the contact list; `#/chat/<id>`: a chat window, optionally at a message;
 * `#/settings`: the settings window.
 */
export function parseRoute(hash: string): Route {
  if (hash === '#/settings') return { kind: 'settings' };
  const match = /^#\/chat\/([^?]+)(?:\?(.*))?$/s.exec(hash);
  if (!match?.[1]) return { kind: 'contacts' };
  const conversationId = decode(match[1]);
  // URLSearchParams decodes the value itself (and never throws).
  const messageId = new URLSearchParams(match[2] ?? '').get('message');
  return messageId ? { kind: 'chat', conversationId, messageId } : { kind: 'chat', conversationId };
}

export function chatHash(conversationId: string, messageId?: string): string {
  const hash = `#/chat/${encodeURIComponent(conversationId)}`;
  return messageId ? `${hash}?${new URLSearchParams({ message: messageId }).toString()}` : hash;
}
