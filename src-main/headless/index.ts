import { devServerUrl } from '../shell/renderer-location';
import { HELP, parseHeadlessArgs } from './cli-args';
import { startHeadless } from './headless-app';

/** `npm run headless -- --nick <name> …`: prints one line with the UI's address when ready. */
async function main(): Promise<void> {
  let config;
  try {
    config = parseHeadlessArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (config === 'help') {
    process.stdout.write(HELP);
    return;
  }
  // `npm run dev` points this at Vite's dev server (honoured on loopback only).
  const rendererUrl = devServerUrl(process.env, false);
  if (rendererUrl) process.stderr.write(`Renderer from the dev server at ${rendererUrl.href}\n`);
  let app;
  try {
    app = await startHeadless({ ...config, rendererUrl });
  } catch (error) {
    process.stderr.write(`Pigeon could not start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`Pigeon UI: ${app.url}\n`);
  const running = app;
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // Leave the LAN cleanly (BR_EXIT) before exiting; give up after a few seconds.
    const force = setTimeout(() => process.exit(1), 5000);
    running.close().then(
      () => {
        clearTimeout(force);
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
