// Small socket and stream helpers shared by the file server and the clients: connect with a
// time limit and an AbortSignal, and wait for 'drain' without hanging when the other side
// goes away (once(stream, 'drain') alone would wait forever after a silent close).
import net from 'node:net';
import type { Writable } from 'node:stream';
import { TransferError } from './transfer-error';

/** 1 MiB: big reads and writes keep a fast LAN busy without holding much memory. */
export const TRANSFER_CHUNK = 1024 * 1024;

export interface ConnectOptions {
  host: string;
  port: number;
  localAddress?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Read straight into the caller's buffers (see BlockReceiver); only settable at connect. */
  onread?: net.OnReadOpts;
}

export function abortedError(): TransferError {
  return new TransferError('aborted', 'The transfer was cancelled');
}

/** Connects, or rejects with a TransferError ('connect', 'timeout' or 'aborted'). */
export function connectTo(opts: ConnectOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(abortedError());
      return;
    }
    const socket = net.connect({
      host: opts.host,
      port: opts.port,
      ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
      ...(opts.onread ? { onread: opts.onread } : {}),
    });
    const timer = setTimeout(() => {
      fail(new TransferError('timeout', `No answer from ${opts.host}:${opts.port}`));
    }, opts.timeoutMs ?? 10_000);
    const onAbort = (): void => fail(abortedError());
    const cleanup = (): void => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.off('error', onError);
      socket.off('connect', onConnect);
    };
    function fail(error: TransferError): void {
      cleanup();
      socket.destroy();
      reject(error);
    }
    function onError(error: Error): void {
      fail(
        new TransferError(
          'connect',
          `Could not connect to ${opts.host}:${opts.port}: ${error.message}`,
        ),
      );
    }
    function onConnect(): void {
      cleanup();
      resolve(socket);
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.once('connect', onConnect);
  });
}

/**
 * The receiving side's watch over a file connection: cancelling destroys it, so does a stall
 * longer than `idleTimeoutMs` (default 60 s). Returns how to stop listening for the cancel.
 */
export function watchReceiving(
  socket: net.Socket,
  opts: { signal?: AbortSignal | undefined; idleTimeoutMs?: number | undefined },
): () => void {
  const onAbort = (): void => void socket.destroy(abortedError());
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  socket.setTimeout(opts.idleTimeoutMs ?? 60_000);
  socket.once('timeout', () =>
    socket.destroy(new TransferError('timeout', 'The peer stopped sending')),
  );
  if (opts.signal?.aborted) socket.destroy(abortedError());
  return () => opts.signal?.removeEventListener('abort', onAbort);
}

/** Resolves on 'drain'; rejects if the stream errors or closes first. */
export function drained(stream: Writable): Promise<void> {
  if (stream.destroyed) return Promise.reject(new Error('the stream was closed'));
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    const onDrain = (): void => {
      cleanup();
      resolve();
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      cleanup();
      reject(new Error('the stream was closed'));
    };
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

/** Writes with backpressure: waits for 'drain' when the stream's buffer is full. */
export async function writeChunk(stream: Writable, chunk: Buffer): Promise<void> {
  if (!stream.write(chunk)) await drained(stream);
}

/** Resolves when a writable has flushed and closed; rejects on its error. */
export function closed(stream: Writable): Promise<void> {
  if (stream.closed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    stream.once('close', () => {
      const error = stream.errored;
      if (error) reject(error);
      else resolve();
    });
  });
}
