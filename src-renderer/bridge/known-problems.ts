import { describeError } from './errors';

/**
 * Problems main names by a code the window can say in the user's language (main's own
 * words are English); the i18n key for each. Other notices and failures keep main's words.
 */
const KNOWN_PROBLEMS = {
  'disk-full': 'notices.diskFull',
} as const;

type KnownKey = (typeof KNOWN_PROBLEMS)[keyof typeof KNOWN_PROBLEMS];

function knownKey(code: unknown): KnownKey | undefined {
  return typeof code === 'string' && Object.hasOwn(KNOWN_PROBLEMS, code)
    ? KNOWN_PROBLEMS[code as keyof typeof KNOWN_PROBLEMS]
    : undefined;
}

/** A notice's text: translated when its code is known, main's words otherwise. */
export function noticeText(
  t: (key: KnownKey) => string,
  notice: { code: string; message: string },
): string {
  const key = knownKey(notice.code);
  return key ? t(key) : notice.message;
}

/** A failed request's reason, translated when its code is known. */
export function failureText(t: (key: KnownKey) => string, failure: unknown): string {
  const code = (failure as { code?: unknown } | null)?.code;
  const key = knownKey(code);
  return key ? t(key) : describeError(failure);
}
