// One child process at a time, restarted on demand: headless Pigeon or Electron.
import { spawn } from 'node:child_process';

/**
 * `restart()` stops the running child if any (SIGTERM, by its PID; SIGKILL after
 * `graceMs`) and launches `command args` anew (stdio inherited unless `stdio` says
 * otherwise); `stop()` stops it for good.
 */
export function createRestarter({
  command,
  args,
  env,
  cwd,
  stdio = 'inherit',
  graceMs = 6000,
  log = () => {},
}) {
  let child;
  let exited = Promise.resolve();
  let stopped = false;

  function launch() {
    child = spawn(command, args, { cwd, env, stdio });
    const mine = child;
    log(`started ${command === process.execPath ? 'node' : command} (pid ${mine.pid})`);
    exited = new Promise((resolve) => {
      mine.on('exit', (code, signal) => {
        if (mine === child && !stopped) log(`pid ${mine.pid} ended (${signal ?? code})`);
        resolve();
      });
      mine.on('error', (error) => {
        log(`could not start ${command}: ${error.message}`);
        resolve();
      });
    });
    return mine;
  }

  async function end() {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const force = setTimeout(() => running.kill('SIGKILL'), graceMs);
    running.kill('SIGTERM');
    await exited;
    clearTimeout(force);
  }

  let queue = Promise.resolve();
  const serially = (step) => (queue = queue.then(step, step));

  return {
    restart: () =>
      serially(async () => {
        if (stopped) return child;
        await end();
        return launch();
      }),
    stop: () =>
      serially(async () => {
        stopped = true;
        await end();
      }),
    current: () => child,
  };
}
