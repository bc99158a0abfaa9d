import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The shell helper that makes a private sandbox (see its header for what it isolates). */
export const SANDBOX_SCRIPT = fileURLToPath(new URL('./sandbox.sh', import.meta.url));

/** True when this process runs inside test/lab/sandbox.sh. */
export function isInsideSandbox(): boolean {
  return process.env.PIGEON_LAB_SANDBOX === '1';
}

/**
 * Refuses to touch the network outside a sandbox: lab code creates namespaces and
 * bridges, which must never land on the machine's own network.
 */
export function assertInsideSandbox(what: string): void {
  if (!isInsideSandbox()) {
    throw new Error(
      `${what} must run inside the lab sandbox: use \`npm test\` / \`node scripts/test.mjs --only <suite>\`` +
        ` or \`test/lab/sandbox.sh <command>\` (as root).`,
    );
  }
}

/** The argv that runs `cmd args…` inside a fresh sandbox. */
export function sandboxCommand(cmd: string, args: readonly string[] = []): [string, string[]] {
  return ['bash', [SANDBOX_SCRIPT, cmd, ...args]];
}

/**
 * Runs a command inside a fresh sandbox with inherited stdio and resolves with its
 * exit code (125: the sandbox could not be made). Everything it started is gone when
 * the promise settles.
 */
export function runInSandbox(
  cmd: string,
  args: readonly string[] = [],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  const [shell, argv] = sandboxCommand(cmd, args);
  return new Promise((resolve, reject) => {
    const child = spawn(shell, argv, {
      stdio: 'inherit',
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
