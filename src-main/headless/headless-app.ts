import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createHandlers, windowlessHooks } from '../adapters/handlers';
import { writePicture } from '../adapters/picture-file';
import { loadOrCreateIdentity } from '../core/keys/identity-file';
import { createMessengerCore } from '../core/messenger';
import type { MessengerCore } from '../core/messenger-api';
import { persistProfile, readSettings, saveSettings } from '../core/settings-file';
import { restoreChoices } from '../core/restore-choices';
import { openHistory } from '../core/store/history-file';
import { makePrivateFolder } from '../core/store/private-data';
import type { HeadlessConfig } from './cli-args';
import { proxyToDevServer } from './dev-renderer';
import { refuseRequest } from './request-guard';
import { serveStatic } from './static-files';
import { createStaging } from './upload';
import { attachGateway } from './ws-gateway';

export interface HeadlessApp {
  core: MessengerCore;
  url: string;
  token: string;
  close(): Promise<void>;
}

/**
 * Pigeon without a display: the core on the LAN, the built renderer and the
 * contract over a WebSocket, both on 127.0.0.1 only.
 */
export async function startHeadless(
  config: HeadlessConfig,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<HeadlessApp> {
  const dataDir = path.resolve(config.dataDir ?? '.pigeon-data');
  const { settings, problem } = await readSettings(dataDir);
  if (problem) log(problem);
  const nickname = config.nickname || settings.nickname;
  if (!nickname)
    throw new Error('A nickname is needed the first time: npm run headless -- --nick <name>');

  const store = openHistory(dataDir, log);
  let identity;
  try {
    identity = loadOrCreateIdentity(dataDir);
  } catch (error) {
    store.close();
    throw error;
  }
  const core = createMessengerCore(
    {
      identity,
      nickname,
      group: config.group ?? settings.group,
      port: config.port ?? settings.port,
      bindAddress: config.bindAddress,
      downloadDir: config.downloadDir ?? settings.downloadDir,
      // Pictures belong with the history, not among the user's downloads.
      imagesDir: path.join(dataDir, 'images'),
      avatarsDir: path.join(dataDir, 'avatars'),
      keyFolder: dataDir,
      hosts: [...new Set([...(settings.hosts ?? []), ...config.hosts])],
      broadcastAddresses: [
        ...new Set([...(settings.broadcastAddresses ?? []), ...config.broadcastAddresses]),
      ],
      broadcast: config.broadcast,
      user: config.user,
      host: config.hostName,
      language: config.language ?? settings.language,
      theme: settings.theme,
      sendKey: settings.sendKey,
      timing: Object.fromEntries(Object.entries(config.timing).filter(([, v]) => v !== undefined)),
    },
    store,
  );
  const profile = {
    ...settings,
    nickname,
    ...(config.group !== undefined ? { group: config.group } : {}),
    ...(config.language !== undefined ? { language: config.language } : {}),
  };
  // Remembered from the first start on, so `--nick` is needed only once.
  await saveSettings(dataDir, profile).catch((error: unknown) =>
    log(`Could not save settings: ${String(error)}`),
  );
  const persister = persistProfile(core, dataDir, profile);
  try {
    await core.start();
  } catch (error) {
    await persister.stop();
    store.close();
    throw error;
  }
  restoreChoices(core, settings);

  const rendererDir = path.resolve(
    config.rendererDir ?? path.join(path.dirname(process.argv[1] ?? '.'), '..', 'renderer'),
  );
  const token = randomBytes(24).toString('base64url');
  // Files the page uploads to offer them; a crash may have left some behind.
  const staging = createStaging({ dataDir, token, log });
  await staging.clear().catch(() => undefined);
  const { rendererUrl } = config;
  const serveRenderer = rendererUrl
    ? (req: http.IncomingMessage, res: http.ServerResponse) =>
        proxyToDevServer(rendererUrl, req, res)
    : (req: http.IncomingMessage, res: http.ServerResponse) => serveStatic(rendererDir, req, res);
  makePrivateFolder(staging.dir);
  const server = http.createServer((req, res) => {
    // The page itself is no secret, but a rebound name must get nothing from this server.
    const refusal = refuseRequest(req, false);
    if (refusal) {
      res
        .writeHead(refusal.status, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end(`${refusal.message}\n`);
      return;
    }
    staging
      .handle(req, res)
      .then((handled) => (handled ? undefined : serveRenderer(req, res)))
      .catch((error: unknown) => {
        log(`static file error: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
  });
  const detach = attachGateway({
    server,
    core,
    token,
    log,
    handlers: createHandlers(core, {
      ...windowlessHooks,
      settings: persister,
      // The page uploads pictures as files; should it stage one, it goes with the uploads.
      stagePicture: (name, bytes) => writePicture(path.join(staging.dir, 'pasted'), name, bytes),
    }),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.uiPort, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    detach();
    await core.stop();
    store.close();
    throw new Error(
      `Could not serve the UI on 127.0.0.1:${config.uiPort}: ${(error as Error).message}`,
    );
  }
  const { port } = server.address() as AddressInfo;

  let closed = false;
  return {
    core,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      if (closed) return;
      closed = true;
      detach();
      await persister.stop();
      await core.stop();
      store.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await staging
        .clear()
        .catch((error: unknown) => log(`Could not delete staged files: ${String(error)}`));
    },
  };
}
