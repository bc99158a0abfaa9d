import type { Language } from '../../src-shared/contract';

/**
 * Plain words for the two problems that stop Pigeon at start: the LAN port is held by
 * another program, or the native SQLite module cannot load. Both are shown in a dialog
 * and written to the log; the raw error is kept in the text for whoever reads the log.
 */
export interface StartProblem {
  title: string;
  message: string;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** An error's message for a dialog or the log (main.ts uses it for its other dialogs). */
export function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}

/** The port is taken (EADDRINUSE) or not allowed (EACCES): the usual first-start problem. */
export function portProblem(error: unknown, port: number, language: Language): StartProblem {
  const taken = errorCode(error) === 'EADDRINUSE' || /EADDRINUSE/.test(messageOf(error));
  if (language === 'zh-CN') {
    return {
      title: 'Pigeon 无法连接网络',
      message: taken
        ? `本机的端口 ${port} 已被另一个程序占用，多半是另一个聊天软件（飞秋、飞鸽传书、iptux）或另一个 Pigeon。` +
          `请退出它后重新启动 Pigeon，或在设置中换一个端口（所有人必须使用同一个端口）。\n\n${messageOf(error)}`
        : `Pigeon 无法使用端口 ${port}：${messageOf(error)}`,
    };
  }
  return {
    title: 'Pigeon could not connect to the network',
    message: taken
      ? `Port ${port} is already used by another program on this computer, most likely another ` +
        'messenger (FeiQ, IP Messenger, iptux) or a second Pigeon. Quit it and start Pigeon ' +
        `again, or choose another port in Settings (everyone must use the same one).\n\n${messageOf(error)}`
      : `Pigeon could not use port ${port}: ${messageOf(error)}`,
  };
}

/** Whether an error is the native SQLite module failing to load (missing, wrong ABI, blocked). */
export function isNativeModuleError(error: unknown): boolean {
  if (errorCode(error) === 'ERR_DLOPEN_FAILED') return true;
  return /NODE_MODULE_VERSION|better_sqlite3\.node|Could not locate the bindings file|compiled against a different Node\.js version/.test(
    messageOf(error),
  );
}

export function nativeModuleProblem(error: unknown, packaged: boolean): StartProblem {
  const remedy = packaged
    ? 'This installation is incomplete or damaged: reinstall Pigeon.'
    : 'From sources, start Pigeon with `npm start`: it builds the module for Electron ' +
      '(delete node_modules/.pigeon-electron to have it built again).';
  return {
    title: 'Pigeon cannot load its database module',
    message:
      'Pigeon keeps its history with SQLite (better-sqlite3), and its native module could ' +
      `not be loaded:\n\n${messageOf(error)}\n\n${remedy}`,
  };
}
