// Vite's dev server for the renderer, on loopback, with hot reload.
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { createServer } from 'vite';
import { root } from '../build-config.mjs';

/** A free TCP port on 127.0.0.1 (asked of the system, then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Start Vite with the renderer's own config on 127.0.0.1. In middleware mode, on a
 * server of our own, so that Vite does not end the process on SIGTERM before
 * `npm run dev` has stopped Pigeon. The hot-reload socket shares that server and is
 * named by address because the page may come through headless mode's server (another
 * origin); the page's CSP allows ws://127.0.0.1:*.
 */
export async function startRendererServer({ port } = {}) {
  const chosen = port ?? (await freePort());
  const httpServer = http.createServer();
  const vite = await createServer({
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    clearScreen: false,
    appType: 'spa',
    server: {
      middlewareMode: true,
      hmr: { server: httpServer, host: '127.0.0.1', clientPort: chosen },
    },
  });
  httpServer.on('request', vite.middlewares);
  await new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(chosen, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${chosen}/`,
    async close() {
      await vite.close();
      httpServer.closeAllConnections();
      await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}
