import type {
  SocketFactory,
  SocketHandlers,
  SocketLike,
} from '../../../../src-renderer/bridge/ws-api';

export interface SentFrame {
  id: number;
  channel: string;
  request?: unknown;
}

/** One connection as the server sees it; the test plays the server's part. */
export class FakeConnection implements SocketLike {
  readonly sent: SentFrame[] = [];
  closedByClient = false;

  constructor(
    readonly url: string,
    private readonly handlers: SocketHandlers,
  ) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as SentFrame);
  }

  close(): void {
    this.closedByClient = true;
  }

  accept(): void {
    this.handlers.onOpen();
  }

  answer(id: number, value: unknown): void {
    this.handlers.onMessage(JSON.stringify({ id, ok: true, value }));
  }

  refuse(id: number, code: string, message: string): void {
    this.handlers.onMessage(JSON.stringify({ id, ok: false, error: { code, message } }));
  }

  push(events: unknown[]): void {
    this.handlers.onMessage(JSON.stringify({ events }));
  }

  raw(data: unknown): void {
    this.handlers.onMessage(data);
  }

  /** The socket closes; `code` as a browser reports it (a restarted Pigeon's 4401). */
  drop(code?: number): void {
    this.handlers.onClose(code);
  }
}

/** Hands out connections; a test decides when each one opens, answers or drops. */
export class FakeServer {
  readonly connections: FakeConnection[] = [];

  readonly connect: SocketFactory = (url, handlers) => {
    const connection = new FakeConnection(url, handlers);
    this.connections.push(connection);
    return connection;
  };

  get latest(): FakeConnection {
    const last = this.connections[this.connections.length - 1];
    if (!last) throw new Error('no connection yet');
    return last;
  }
}
