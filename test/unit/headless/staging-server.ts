import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createStaging,
  type Staging,
  type StagingOptions,
} from '../../../src-main/headless/upload';

export const TOKEN = 'secret-token-for-uploads';

export interface StagingServer {
  dataDir: string;
  staging: Staging;
  port: number;
  close(): Promise<void>;
}

/** The staging handler on a loopback server of its own (404 for any other path). */
export async function startStagingServer(
  prefix: string,
  limits: Pick<StagingOptions, 'maxChunkBytes' | 'maxFileBytes'> = {},
): Promise<StagingServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), prefix));
  const staging = createStaging({ dataDir, token: TOKEN, ...limits });
  const server = http.createServer((req, res) => {
    void staging.handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end('static');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    dataDir,
    staging,
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** One request to the server; `body` is sent at once, or streamed by the function. */
export function request(
  port: number,
  options: { method: string; path: string; headers: Record<string, string> },
  body: Buffer | ((req: http.ClientRequest) => Promise<void>),
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, ...options }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    // A refused request may be closed before its body is all sent.
    req.on('error', reject);
    if (typeof body === 'function') void body(req).then(() => req.end(), reject);
    else req.end(body);
  });
}
