import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ContractError, isChannelName } from '../../src-shared/contract';
import { WS_CLOSE_TOKEN_UNKNOWN } from '../../src-shared/contract/ws-close';
import type { Handlers } from '../adapters/handlers';
import { EventBatcher } from '../adapters/event-batcher';
import type { MessengerCore } from '../core/messenger-api';
import { refuseRequest, sameToken } from './request-guard';

const MAX_REQUEST_BYTES = 1024 * 1024;
/** A window this far behind is dropped; it reconnects and takes a fresh snapshot. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export interface GatewayOptions {
  server: Server;
  core: MessengerCore;
  handlers: Handlers;
  token: string;
  log?: (line: string) => void;
}

/**
 * The contract over a WebSocket on 127.0.0.1: requests `{id, channel, request}`,
 * answers `{id, ok, value | error}`, and pushed `{events}` batches.
 */
export function attachGateway(options: GatewayOptions): () => void {
  const { server, core, handlers, token } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  const clients = new Set<WebSocket>();
  const batcher = new EventBatcher((events) => {
    const payload = JSON.stringify({ events });
    for (const client of clients) {
      if (client.readyState !== client.OPEN) continue;
      if (client.bufferedAmount > MAX_BUFFERED_BYTES) client.terminate();
      else client.send(payload);
    }
  });
  const unsubscribe = core.onEvent((event) => batcher.push(event));

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refusal =
      refuseRequest(req, true) ??
      (url.pathname !== '/ws' ? { status: 403, message: 'Forbidden.' } : undefined);
    if (refusal) {
      refuseUpgrade(socket, refusal.status, refusal.message);
      return;
    }
    // Our own page (Host and Origin checked) with a token from an earlier start: told so,
    // in a close code the page can read, and nothing else.
    if (!sameToken(url.searchParams.get('token'), token)) {
      wss.handleUpgrade(req, socket, head, (ws) =>
        ws.close(WS_CLOSE_TOKEN_UNKNOWN, 'Pigeon restarted'),
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => clients.delete(ws));
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        void answer(ws, data.toString());
      });
    });
  };

  const answer = async (ws: WebSocket, text: string): Promise<void> => {
    let id: unknown;
    try {
      const message = parseJson(text);
      if (typeof message !== 'object' || message === null)
        throw new ContractError('invalid-request', 'Not a request.');
      const {
        id: rawId,
        channel,
        request,
      } = message as { id?: unknown; channel?: unknown; request?: unknown };
      id = rawId;
      if (typeof id !== 'number' || !Number.isSafeInteger(id))
        throw new ContractError('invalid-request', 'A request needs a numeric id.');
      if (!isChannelName(channel))
        throw new ContractError('unknown-channel', `Unknown channel: ${String(channel)}`);
      const value = await handlers[channel](request);
      send(ws, { id, ok: true, value });
    } catch (error) {
      const known = error instanceof ContractError;
      if (!known)
        options.log?.(`request failed: ${error instanceof Error ? error.stack : String(error)}`);
      send(ws, {
        id: typeof id === 'number' ? id : null,
        ok: false,
        error: known
          ? { code: error.code, message: error.message }
          : { code: 'failed', message: 'Something went wrong.' },
      });
    }
  };

  server.on('upgrade', onUpgrade);
  return () => {
    server.off('upgrade', onUpgrade);
    unsubscribe();
    batcher.drain();
    batcher.dispose();
    for (const client of clients) client.close(1001, 'Pigeon is closing');
    wss.close();
  };
}

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = Buffer.from(`${message}\n`);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}\r\n` +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString()}`,
  );
}

function send(ws: WebSocket, message: unknown): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ContractError('invalid-request', 'A request must be JSON.');
  }
}
