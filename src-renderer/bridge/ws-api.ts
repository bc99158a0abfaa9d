import type {
  ChannelName,
  ChannelRequest,
  ChannelResponse,
  PigeonApi,
  PigeonEvent,
} from '../../src-shared/contract';
import { channelFunctions } from '../../src-shared/contract/api';
import { WS_CLOSE_TOKEN_UNKNOWN } from '../../src-shared/contract/ws-close';
import type { ConnectionState } from '../store/state';
import { BridgeError } from './errors';
import { isEventLike, isRecord } from './event-shape';

/** The little of a WebSocket the client needs; tests pass a fake server's socket. */
export interface SocketLike {
  send(data: string): void;
  close(): void;
}

/** Called by the socket; never synchronously from inside the factory (as with a real WebSocket). */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  /** After an error too: a browser WebSocket always closes after failing. `code`: the close code. */
  onClose(code?: number): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketLike;

export const browserSocket: SocketFactory = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.onopen = () => handlers.onOpen();
  socket.onmessage = (event) => handlers.onMessage(event.data);
  socket.onclose = (event) => handlers.onClose(event.code);
  return socket;
};

export interface WebSocketApiOptions {
  url: string;
  connect?: SocketFactory;
  /** Reconnect delays: doubling from `firstDelayMs` up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

export interface WebSocketApi {
  api: PigeonApi;
  state(): ConnectionState;
  onStateChange(listener: (state: ConnectionState) => void): () => void;
  /** Stop for good: no reconnect, every open request rejected. */
  close(): void;
}

interface PendingRequest {
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** Sent on the current socket; unsent ones wait in the queue across reconnects. */
  sent: boolean;
}

/**
 * PigeonApi over the headless mode's WebSocket. Requests made before the socket is
 * open are queued; a dropped socket is reopened with growing delays. Requests that
 * were in flight when it dropped are rejected: they may or may not have run, and
 * sending a message twice is worse than asking the user to send it again.
 */
export function connectWebSocketApi(options: WebSocketApiOptions): WebSocketApi {
  const connect = options.connect ?? browserSocket;
  const firstDelayMs = options.firstDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 8000;

  let socket: SocketLike | undefined;
  let open = false;
  let generation = 0;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  const pending = new Map<number, PendingRequest>();
  const queue: { id: number; frame: string }[] = [];
  const eventListeners = new Set<(events: PigeonEvent[]) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();

  function setState(next: ConnectionState): void {
    if (state === next) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  }

  function openSocket(): void {
    const mine = ++generation;
    open = false;
    socket = connect(options.url, {
      onOpen: () => {
        if (mine !== generation) return;
        open = true;
        failures = 0;
        setState('connected');
        flushQueue();
      },
      onMessage: (data) => {
        if (mine === generation) receive(data);
      },
      onClose: (code) => {
        if (mine !== generation) return;
        socket = undefined;
        open = false;
        // A new Pigeon with a new token: reconnecting with this one can never work.
        if (code === WS_CLOSE_TOKEN_UNKNOWN && !closed) {
          stop(new BridgeError('restarted', 'Pigeon restarted: open the new address.'));
          setState('restarted');
          return;
        }
        failInFlight(new BridgeError('disconnected', 'The connection to Pigeon was lost.'));
        if (closed) return;
        setState('disconnected');
        const delay = Math.min(maxDelayMs, firstDelayMs * 2 ** failures);
        failures += 1;
        retryTimer = setTimeout(() => {
          retryTimer = undefined;
          openSocket();
        }, delay);
      },
    });
  }

  function flushQueue(): void {
    while (open && socket && queue.length > 0) {
      const { id, frame } = queue.shift() as { id: number; frame: string };
      const request = pending.get(id);
      if (!request) continue;
      request.sent = true;
      socket.send(frame);
    }
  }

  function failInFlight(error: Error): void {
    for (const [id, request] of pending) {
      if (!request.sent) continue;
      pending.delete(id);
      request.reject(error);
    }
  }

  function receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (!isRecord(frame)) return;
    if (Array.isArray(frame.events)) {
      const events = frame.events.filter(isEventLike);
      if (events.length > 0) deliver(events);
      return;
    }
    if (typeof frame.id !== 'number') return;
    const request = pending.get(frame.id);
    if (!request) return;
    pending.delete(frame.id);
    if (frame.ok === true) {
      request.resolve(frame.value);
      return;
    }
    const error = isRecord(frame.error) ? frame.error : {};
    request.reject(
      new BridgeError(
        typeof error.code === 'string' ? error.code : 'failed',
        typeof error.message === 'string' ? error.message : 'The request failed.',
      ),
    );
  }

  function deliver(events: PigeonEvent[]): void {
    for (const listener of [...eventListeners]) {
      try {
        listener(events);
      } catch (error) {
        // One broken listener must not starve the others.
        console.error('Pigeon event listener failed', error);
      }
    }
  }

  function request(channel: ChannelName, body: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (closed) {
        reject(new BridgeError('closed', 'The connection to Pigeon is closed.'));
        return;
      }
      const id = nextId++;
      const frame = JSON.stringify(
        body === undefined ? { id, channel } : { id, channel, request: body },
      );
      pending.set(id, { resolve, reject, sent: false });
      queue.push({ id, frame });
      flushQueue();
    });
  }

  const call =
    <C extends ChannelName>(channel: C) =>
    (body?: ChannelRequest<C>) =>
      request(channel, body) as Promise<ChannelResponse<C>>;

  const api: PigeonApi = {
    ...channelFunctions(call),
    onEvents(listener) {
      eventListeners.add(listener);
      return () => {
        eventListeners.delete(listener);
      };
    },
  };

  /** No more reconnects; every open request rejected with `error`. */
  function stop(error: Error): void {
    closed = true;
    if (retryTimer) clearTimeout(retryTimer);
    generation += 1;
    socket?.close();
    socket = undefined;
    open = false;
    for (const request of pending.values()) request.reject(error);
    pending.clear();
    queue.length = 0;
  }

  openSocket();

  return {
    api,
    state: () => state,
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
    close() {
      if (closed) return;
      stop(new BridgeError('closed', 'The connection to Pigeon is closed.'));
    },
  };
}
