import { describe, expect, it } from 'vitest';
import {
  isNativeModuleError,
  nativeModuleProblem,
  portProblem,
} from '../../../src-main/shell/start-problems';

function systemError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('start problems in plain words', () => {
  it('explains a port held by another messenger, in both languages', () => {
    const busy = systemError('EADDRINUSE', 'bind EADDRINUSE 0.0.0.0:2425');
    const en = portProblem(busy, 2425, 'en');
    expect(en.message).toContain('Port 2425 is already used by another program');
    expect(en.message).toContain('FeiQ, IP Messenger, iptux');
    expect(en.message).toContain('bind EADDRINUSE 0.0.0.0:2425');
    const zh = portProblem(busy, 2425, 'zh-CN');
    expect(zh.message).toContain('端口 2425 已被另一个程序占用');
    expect(zh.title).toBe('Pigeon 无法连接网络');
  });

  it('says other port errors as they are', () => {
    const denied = portProblem(systemError('EACCES', 'bind EACCES 0.0.0.0:80'), 80, 'en');
    expect(denied.message).toBe('Pigeon could not use port 80: bind EACCES 0.0.0.0:80');
  });

  it('recognises a native module that cannot load', () => {
    expect(
      isNativeModuleError(
        new Error(
          "The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115.",
        ),
      ),
    ).toBe(true);
    expect(isNativeModuleError(systemError('ERR_DLOPEN_FAILED', 'libc too old'))).toBe(true);
    expect(isNativeModuleError(new Error('Could not locate the bindings file. Tried: …'))).toBe(
      true,
    );
    expect(isNativeModuleError(new Error('The history file is in use by another Pigeon'))).toBe(
      false,
    );
  });

  it('tells a user to reinstall, and a developer how to rebuild', () => {
    const error = systemError('ERR_DLOPEN_FAILED', 'cannot open shared object');
    expect(nativeModuleProblem(error, true).message).toMatch(
      /native module could not be loaded:\n\ncannot open shared object\n\n.*reinstall Pigeon/,
    );
    expect(nativeModuleProblem(error, false).message).toContain(
      'start Pigeon with `npm start`: it builds the module for Electron',
    );
  });
});
