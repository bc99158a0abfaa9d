// The TCP side of port 2425: each connection sends one IPMsg packet (GETFILEDATA or
// GETDIRFILES); if the offer registry says that file was offered to that address, the file
// (from the requested offset) or the folder stream follows, with backpressure, and the
// connection ends. Anything else is closed without a byte. Progress is reported per chunk;
// the caller throttles it (ProgressMeter) and batches it to the UI. An item offered sealed
// (to a Pigeon) is served only to a request carrying the requester's key, and then sealed.
import net from 'node:net';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { TRANSFER_CHUNK } from '../connection';
import { avatarAsked } from '../../ipmsg/avatar';
import { parseFileRequest, type FileRequest } from '../file-request';
import { sendFileRange, sendFolder } from './file-sender';
import { FileChangedError } from './file-stamp';
import { normalizeAddress, type OfferLookup } from './offer-registry';
import { plainOutlet, sealedOutlet, type StreamOutlet } from './stream-outlet';
import { sealingKey } from '../sealing/transfer-keys';
import {
  FileServerPortError,
  type FileServerEvent,
  type FileServerOptions,
  type ServedTransfer,
} from './file-server-types';

export * from './file-server-types';

interface Connection {
  socket: net.Socket;
  peerAddress: string;
  transfer?: ServedTransfer;
  cancelled: boolean;
}

export class FileServer {
  private readonly server: net.Server;
  private readonly connections = new Set<Connection>();
  private nextId = 1;

  constructor(private readonly options: FileServerOptions) {
    // Half-open allowed: a client that shuts down its sending side still gets its data.
    this.server = net.createServer({ allowHalfOpen: true }, (socket) => this.accept(socket));
    this.server.maxConnections = options.maxConnections ?? 64;
  }

  async start(): Promise<void> {
    const { port, bindAddress = '0.0.0.0' } = this.options;
    try {
      this.server.listen({ port, host: bindAddress, exclusive: true });
      await once(this.server, 'listening');
    } catch (error) {
      throw new FileServerPortError(port, (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN');
    }
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    for (const c of this.connections) {
      c.cancelled = true;
      c.socket.destroy();
    }
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  address(): net.AddressInfo | undefined {
    const address = this.server.address();
    return address && typeof address === 'object' ? address : undefined;
  }

  /** Open connections (including ones still sending their request). */
  getConnections(): Promise<number> {
    return new Promise((resolve, reject) =>
      this.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
    );
  }

  /** Transfers in progress. */
  active(): ServedTransfer[] {
    return [...this.connections].flatMap((c) => (c.transfer ? [c.transfer] : []));
  }

  /** Cancels matching transfers (the user stopped sending); returns how many. */
  cancel(
    match: Partial<Pick<ServedTransfer, 'id' | 'packetNo' | 'fileId' | 'peerAddress'>>,
  ): number {
    let count = 0;
    for (const c of this.connections) {
      const t = c.transfer;
      if (!t) continue;
      if (match.id !== undefined && t.id !== match.id) continue;
      if (match.packetNo !== undefined && t.packetNo !== match.packetNo) continue;
      if (match.fileId !== undefined && t.fileId !== match.fileId) continue;
      if (
        match.peerAddress !== undefined &&
        t.peerAddress !== normalizeAddress(match.peerAddress)
      ) {
        continue;
      }
      c.cancelled = true;
      c.socket.destroy();
      count++;
    }
    return count;
  }

  private emit(event: FileServerEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A listener's bug must not break a transfer.
    }
  }

  private accept(socket: net.Socket): void {
    const peerAddress = normalizeAddress(socket.remoteAddress ?? '');
    const connection: Connection = { socket, peerAddress, cancelled: false };
    socket.on('error', () => socket.destroy());
    socket.once('close', () => this.connections.delete(connection));
    const fromPeer = [...this.connections].filter((c) => c.peerAddress === peerAddress).length;
    this.connections.add(connection);
    if (fromPeer >= (this.options.maxConnectionsPerPeer ?? 8)) {
      this.refuse(connection, 'too many connections from this peer');
      return;
    }
    this.readRequest(connection);
  }

  private refuse(connection: Connection, reason: string): void {
    connection.socket.destroy();
    this.emit({ type: 'refused', peerAddress: connection.peerAddress, reason });
  }

  private readRequest(connection: Connection): void {
    const { socket } = connection;
    const maxBytes = this.options.maxRequestBytes ?? 4096;
    let received = Buffer.alloc(0);
    let settle: NodeJS.Timeout | undefined;
    const onTimeout = (): void => this.refuse(connection, 'no request in time');
    socket.setTimeout(this.options.requestTimeoutMs ?? 10_000);
    socket.once('timeout', onTimeout);
    const proceed = (request: FileRequest): void => {
      clearTimeout(settle);
      socket.off('data', onData);
      socket.off('timeout', onTimeout);
      // Anything the client sends from now on is ignored; its close shows as a write error.
      socket.on('data', () => undefined);
      socket.setTimeout(this.options.idleTimeoutMs ?? 60_000);
      socket.once('timeout', () => socket.destroy(new Error('the peer stopped reading')));
      void this.serve(connection, request);
    };
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      if (received.length > maxBytes) return this.refuse(connection, 'request too large');
      const avatar = avatarAsked(received);
      if (avatar === 'incomplete') return;
      if (avatar !== undefined) {
        clearTimeout(settle);
        socket.off('data', onData);
        socket.off('timeout', onTimeout);
        return this.serveAvatar(connection, avatar);
      }
      const parsed = parseFileRequest(received);
      clearTimeout(settle);
      if (parsed.status === 'invalid') this.refuse(connection, parsed.reason);
      else if (parsed.status === 'complete') proceed(parsed.request);
      else if (parsed.status === 'unterminated') {
        settle = setTimeout(() => proceed(parsed.request), this.options.settleMs ?? 50);
      }
    };
    socket.on('data', onData);
    socket.once('close', () => clearTimeout(settle));
  }

  /** Our avatar, whole, then the end; a hash that is not ours gets nothing. */
  private serveAvatar(connection: Connection, hash: string): void {
    const bytes = hash === 'invalid' ? undefined : this.options.avatar?.(hash);
    if (!bytes) return this.refuse(connection, 'no such avatar');
    connection.socket.on('data', () => undefined);
    // A reader that never closes is dropped when the request timer runs out.
    connection.socket.once('timeout', () => connection.socket.destroy());
    connection.socket.end(bytes);
  }

  private async serve(connection: Connection, request: FileRequest): Promise<void> {
    const found = this.options.registry.lookup(
      request.packetNo,
      request.fileId,
      connection.peerAddress,
    );
    const problem = refusal(found, request);
    if (problem || !found) return this.refuse(connection, problem ?? 'not offered');
    const { file, offer } = found;
    const sealed = sealingKey(file.transferKey, request, connection.peerAddress, this.options);
    if (sealed.refusal !== undefined) return this.refuse(connection, sealed.refusal);
    const outlet: StreamOutlet = sealed.key
      ? sealedOutlet(connection.socket, sealed.key)
      : plainOutlet(connection.socket);
    const transfer: ServedTransfer = {
      id: this.nextId++,
      packetNo: request.packetNo,
      fileId: request.fileId,
      peerAddress: connection.peerAddress,
      kind: request.kind,
      name: file.name,
      offset: request.offset,
      ...(request.kind === 'file' ? { size: file.size - request.offset } : {}),
    };
    connection.transfer = transfer;
    this.emit({ type: 'start', transfer });
    let bytes = 0;
    const onBytes = (n: number): void => {
      bytes += n;
      this.emit({ type: 'progress', transfer, bytes });
    };
    const hwm = this.options.highWaterMark ?? TRANSFER_CHUNK;
    try {
      if (request.kind === 'file') {
        // Sealed, the receiver relies on the stamp check instead of hashing the file.
        const stamp = sealed.key ? file.stamp : undefined;
        await sendFileRange(outlet, file.path, request.offset, file.size, hwm, onBytes, stamp);
      } else {
        const names = { ...offer.names, ...(request.utf8 ? { encoding: 'utf8' as const } : {}) };
        await sendFolder(outlet, file.path, names, hwm, onBytes);
      }
      await outlet.end();
      connection.socket.end();
      // Everything was handed over; a client that closes the moment it has it all may
      // race our FIN, which is no failure.
      await finished(connection.socket, { readable: false }).catch(() => undefined);
      await closedByPeer(connection.socket, this.options.closeWaitMs ?? 10_000);
      // Stopped while the last bytes were still in flight: they may never be read.
      const outcome = connection.cancelled ? 'cancelled' : 'done';
      this.emit({ type: 'end', transfer, bytes, outcome });
    } catch (error) {
      if (error instanceof FileChangedError) await this.withdraw(connection, outlet);
      connection.socket.destroy();
      const reason = error instanceof Error ? error.message : String(error);
      const outcome = connection.cancelled ? 'cancelled' : 'failed';
      this.emit({ type: 'end', transfer, bytes, outcome, reason });
    } finally {
      connection.transfer = undefined;
    }
  }

  /** Tells the receiver the file changed (sealed), and gives it a moment to read that. */
  private async withdraw(connection: Connection, outlet: StreamOutlet): Promise<void> {
    try {
      await outlet.withdraw();
      connection.socket.end();
      await closedByPeer(connection.socket, this.options.closeWaitMs ?? 10_000);
    } catch {
      // The connection went first: nothing more to tell.
    }
  }
}

/**
 * Resolves when the peer has closed (it read everything and hung up) or after `limitMs`,
 * when the connection is dropped: a peer that keeps it open cannot hold the transfer.
 */
async function closedByPeer(socket: net.Socket, limitMs: number): Promise<void> {
  if (socket.closed) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    once(socket, 'close').catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, limitMs);
    }),
  ]);
  clearTimeout(timer);
  socket.destroy();
}

function refusal(found: OfferLookup | undefined, request: FileRequest): string | undefined {
  if (!found) return 'not offered to this peer';
  if (request.kind !== found.file.kind)
    return `a ${found.file.kind} asked for as a ${request.kind}`;
  if (request.kind === 'file' && request.offset > found.file.size) return 'offset beyond the end';
  return undefined;
}
