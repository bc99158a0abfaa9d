/**
 * A real Pigeon core on one lab host, driven by the test over stdin/stdout:
 * requests `{"id":n,"channel":…,"request":…}` → `{"id":n,"ok":…}`, events as `{"events":[…]}`.
 * Bundled with esbuild and run under plain Node inside a namespace host.
 */
import readline from 'node:readline';
import { createHandlers, windowlessHooks } from '../../src-main/adapters/handlers';
import { loadOrCreateIdentity } from '../../src-main/core/keys/identity-file';
import { createMessengerCore } from '../../src-main/core/messenger';
import { openHistory } from '../../src-main/core/store/history-file';
import type { MessengerOptions } from '../../src-main/core/options';
import { isChannelName } from '../../src-shared/contract';

const { dataDir, ...options } = JSON.parse(process.argv[2] ?? '{}') as MessengerOptions & {
  dataDir?: string;
};
// With a data folder the history lasts across restarts (and SIGKILL), as in the app.
const store = dataDir
  ? openHistory(dataDir, (problem) => process.stderr.write(`${problem}\n`))
  : undefined;
// With a data folder the identity lasts too (identity.key), so a restart is not a key change.
const core = createMessengerCore(
  dataDir ? { keyFolder: dataDir, identity: loadOrCreateIdentity(dataDir), ...options } : options,
  store,
);
const handlers = createHandlers(core, windowlessHooks);
const write = (message: unknown): void => void process.stdout.write(`${JSON.stringify(message)}\n`);

core.onEvent((event) => write({ events: [event] }));

async function main(): Promise<void> {
  await core.start();
  write({ ready: true });
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    const { id, channel, request } = JSON.parse(line) as {
      id: number;
      channel: string;
      request?: unknown;
    };
    if (channel === 'stop') {
      await core.stop();
      store?.close();
      write({ id, ok: true, value: null });
      process.exit(0);
    }
    try {
      if (!isChannelName(channel)) throw new Error(`unknown channel ${channel}`);
      write({ id, ok: true, value: await handlers[channel](request) });
    } catch (error) {
      write({ id, ok: false, error: { message: (error as Error).message } });
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`agent failed: ${String(error)}\n`);
  process.exit(1);
});
