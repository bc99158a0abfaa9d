import { spawn } from 'node:child_process';

/**
 * Runs a program to its end (no shell: the arguments go as they are), resolving to its
 * exit code. Rejects with the spawn error, ENOENT when the program is not installed.
 */
export function runProgram(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore', windowsHide: true });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? -1));
  });
}
