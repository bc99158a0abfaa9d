// One avatar fetched over TCP from a Pigeon's file port: our request packet out, the
// picture's bytes back until the peer closes. Bounded in bytes and in time; any trouble
// is an answer of nothing, never an exception.
import net from 'node:net';
import type { Endpoint } from '../net/endpoint';
import { MAX_AVATAR_BYTES } from './avatar-image';

export interface AvatarFetchOptions {
  /** The whole exchange, connect to close (default 5 s). */
  timeoutMs?: number;
}

export function fetchAvatarBytes(
  from: Endpoint,
  request: Buffer,
  options: AvatarFetchOptions = {},
): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let settled = false;
    const socket = net.connect({ host: from.address, port: from.port });
    const finish = (bytes: Buffer | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(bytes);
    };
    const timer = setTimeout(() => finish(undefined), options.timeoutMs ?? 5000);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      length += chunk.length;
      // More than any avatar may be: stop reading at once.
      if (length > MAX_AVATAR_BYTES) return finish(undefined);
      chunks.push(chunk);
    });
    socket.on('end', () => finish(length > 0 ? Buffer.concat(chunks, length) : undefined));
    socket.on('error', () => finish(undefined));
    socket.on('close', () => finish(undefined));
  });
}
