// A plain TCP contact's channel, in either role: Pigeon connects to the program
// (retrying with backoff when refused or closed), or Pigeon listens on a local port
// and accepts one connection at a time, from the program's address only if one is
// given. Its `link` says where it stands; every change is reported through onLink.
import net from 'node:net';
import type { PlainConnection, PlainEncoding, PlainLinkDTO } from '../../../src-shared/contract';
import { PlainTcpConnection, type PlainTcpSendResult } from './plain-tcp-connection';
import { PlainPortError } from './plain-port-error';

export interface PlainTcpChannelOptions {
  connection: PlainConnection;
  /** connect: the program's IPv4 address. listen: the only address accepted, or undefined for any. */
  address: string | undefined;
  /** connect: the program's port. listen: the local port to listen on. */
  port: number;
  /** Local address the listening socket binds to (default 0.0.0.0). */
  bindAddress?: string;
  encoding: PlainEncoding;
  lineBased: boolean;
  onText: (text: string) => void;
  onLink: (link: Omit<PlainLinkDTO, 'queued'>) => void;
  /** First wait before connecting again; doubles up to maxRetryMs (defaults 1 s and 30 s). */
  firstRetryMs?: number;
  maxRetryMs?: number;
  connectTimeoutMs?: number;
  maxMessagesPerSecond?: number;
  maxMessageChars?: number;
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'The program refused the connection (nothing listens on that port).',
  ETIMEDOUT: 'The program did not answer in time.',
  EHOSTUNREACH: 'The program’s computer cannot be reached.',
  ENETUNREACH: 'The program’s network cannot be reached.',
  ECONNRESET: 'The program reset the connection.',
};

export class PlainTcpChannel {
  private server: net.Server | undefined;
  private current: PlainTcpConnection | undefined;
  private state: Omit<PlainLinkDTO, 'queued'> = { state: 'connecting' };
  private retryMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private running = false;

  constructor(private readonly options: PlainTcpChannelOptions) {
    this.retryMs = options.firstRetryMs ?? 1000;
  }

  get link(): Omit<PlainLinkDTO, 'queued'> {
    return { ...this.state };
  }

  get isConnected(): boolean {
    return this.current?.isOpen === true;
  }

  /** The port listened on (listen role, once bound). */
  get localPort(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : undefined;
  }

  /**
   * listen: binds the port, rejecting with PlainPortError when it cannot.
   * connect: starts connecting and resolves at once; the link tells the rest.
   */
  async open(): Promise<void> {
    this.running = true;
    if (this.options.connection === 'listen') await this.listen();
    else this.connect();
  }

  /** Try now: connect again (resetting the backoff), or listen again if the port was lost. */
  async reconnect(): Promise<void> {
    if (!this.running || this.isConnected) return;
    this.clearRetry();
    this.retryMs = this.options.firstRetryMs ?? 1000;
    if (this.options.connection === 'listen') {
      if (!this.server) await this.listen();
    } else {
      this.connect();
    }
  }

  send(text: string): Promise<PlainTcpSendResult> {
    const current = this.current;
    if (!current?.isOpen) return Promise.resolve({ unrepresentable: 0, error: 'Not connected.' });
    return current.send(text);
  }

  async close(): Promise<void> {
    this.running = false;
    this.clearRetry();
    this.current?.close();
    this.current = undefined;
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async listen(): Promise<void> {
    const server = net.createServer((socket) => this.accepted(socket));
    const { port } = this.options;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(new PlainPortError('TCP', port, error.code ?? 'EUNKNOWN')),
      );
      server.listen({ port, host: this.options.bindAddress ?? '0.0.0.0', exclusive: true }, () =>
        resolve(),
      );
    });
    server.on('error', () => undefined); // after listening, nothing fails the server itself
    this.server = server;
    this.update({ state: 'waiting' });
  }

  private accepted(socket: net.Socket): void {
    const from = socket.remoteAddress?.replace(/^::ffff:/, '');
    const { address } = this.options;
    // One program at a time, and only the one named: others are closed at once.
    if (!this.running || this.current || (address !== undefined && from !== address)) {
      socket.on('error', () => undefined);
      socket.destroy();
      return;
    }
    this.adopt(socket);
  }

  private connect(): void {
    if (!this.running || this.current) return;
    const { address, port } = this.options;
    this.update({ state: 'connecting' });
    const socket = net.connect({ host: address ?? '127.0.0.1', port });
    socket.setTimeout(this.options.connectTimeoutMs ?? 10_000);
    let failure: NodeJS.ErrnoException | undefined;
    const onError = (error: NodeJS.ErrnoException) => (failure = error);
    const onTimeout = () => {
      failure = Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' });
      socket.destroy();
    };
    socket.on('error', onError);
    socket.once('timeout', onTimeout);
    socket.once('close', () => {
      if (this.current || !this.running) return;
      const code = failure?.code ?? 'EUNKNOWN';
      this.update({
        state: code === 'ECONNREFUSED' ? 'refused' : 'failed',
        reason: REASONS[code] ?? `Could not connect (${failure?.message ?? code}).`,
      });
      this.scheduleRetry();
    });
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.off('timeout', onTimeout);
      socket.off('error', onError);
      if (!this.running) {
        socket.destroy();
        return;
      }
      this.retryMs = this.options.firstRetryMs ?? 1000;
      this.adopt(socket);
    });
  }

  private adopt(socket: net.Socket): void {
    const connection = new PlainTcpConnection(socket, {
      encoding: this.options.encoding,
      lineBased: this.options.lineBased,
      ...(this.options.maxMessagesPerSecond
        ? { maxMessagesPerSecond: this.options.maxMessagesPerSecond }
        : {}),
      ...(this.options.maxMessageChars ? { maxMessageChars: this.options.maxMessageChars } : {}),
      onText: this.options.onText,
      onClose: (error) => this.lost(connection, error),
    });
    this.current = connection;
    this.update({ state: 'connected', remote: connection.remote.replace(/^::ffff:/, '') });
  }

  private lost(connection: PlainTcpConnection, error: Error | undefined): void {
    if (this.current !== connection) return;
    this.current = undefined;
    if (!this.running) return;
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const reason = code ? (REASONS[code] ?? error?.message) : 'The program closed the connection.';
    this.update({ state: 'closed', ...(reason ? { reason } : {}) });
    if (this.options.connection === 'connect') this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (!this.running || this.options.connection !== 'connect') return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? 30_000);
    this.update({ ...this.state, retryAt: Date.now() + wait });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect();
    }, wait);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private update(link: Omit<PlainLinkDTO, 'queued'>): void {
    this.state = link;
    this.options.onLink(this.link);
  }
}
