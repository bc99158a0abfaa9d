import type { Notice } from './state';

/** More than this and the oldest banner goes: a window must not fill with them. */
const MAX_NOTICES = 4;

export function pushNotice(notices: readonly Notice[], notice: Notice): Notice[] {
  const others = notices.filter((n) => n.code !== notice.code);
  return [...others, notice].slice(-MAX_NOTICES);
}

export function dismissNotice(notices: readonly Notice[], code: string): Notice[] {
  return notices.filter((n) => n.code !== code);
}
