import os from 'node:os';
import type { ProfileChange, SelfDTO } from '../../src-shared/contract';
import type { MessengerOptions } from './options';

function loginName(): string {
  try {
    return os.userInfo().username || 'pigeon';
  } catch {
    return 'pigeon';
  }
}

/** Who we are at start: the options, then the OS login and host name. */
export function initialSelf(options: MessengerOptions, port: number): SelfDTO {
  return {
    nickname: options.nickname,
    group: options.group ?? '',
    user: options.user ?? loginName(),
    host: options.host ?? os.hostname(),
    status: 'online',
    port,
    language: options.language ?? 'zh-CN',
    theme: options.theme ?? 'system',
    sendKey: options.sendKey ?? 'enter',
  };
}

/** Apply a change; `visible` says whether peers must be told (name, group, status, signature). */
export function changeSelf(
  before: SelfDTO,
  change: ProfileChange,
): { self: SelfDTO; visible: boolean } {
  const self: SelfDTO = {
    ...before,
    ...Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)),
  };
  const visible =
    before.nickname !== self.nickname ||
    before.group !== self.group ||
    before.status !== self.status ||
    (before.signature ?? '') !== (self.signature ?? '') ||
    // The absence title follows the language.
    (before.language !== self.language && self.status !== 'online');
  return { self, visible };
}
