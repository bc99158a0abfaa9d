// Where the file server's bytes go: straight onto the socket (plain IPMsg, for every client)
// or through a RecordSealer (a sealed offer to another Pigeon). Either way a write resolves
// when the caller's buffer may be reused, which is what keeps the sender's memory flat.
import type { KeyObject } from 'node:crypto';
import type net from 'node:net';
import { RecordSealer } from '../sealing/record-sealer';

export interface StreamOutlet {
  /** write() is done with the caller's bytes when it returns (sealed: encrypted at once). */
  readonly consumes: boolean;
  /** Sends `bytes`; resolves when they may be reused, rejects if the connection failed. */
  write(bytes: Buffer): Promise<void>;
  /** Everything was written (a sealed stream sends its final record). */
  end(): Promise<void>;
  /** The file changed since the offer: a sealed stream says so, authenticated; plain cannot. */
  withdraw(): Promise<void>;
  /** Throws when the connection has gone, with the reason it went. */
  ensureOpen(): void;
}

/** Resolves when the socket has handed `pieces` to the system; rejects if it fails first. */
function written(socket: net.Socket, pieces: readonly Buffer[]): Promise<void> {
  const done = new Promise<void>((resolve, reject) => {
    // One corked burst: a sealed record's header, body and tag leave as one write.
    if (pieces.length > 1) socket.cork();
    pieces.forEach((piece, i) => {
      if (i < pieces.length - 1) socket.write(piece);
      // A destroyed socket fails pending writes generically; the reason it was destroyed
      // (the peer stopped reading, …) says more.
      else socket.write(piece, (error) => (error ? reject(socket.errored ?? error) : resolve()));
    });
    if (pieces.length > 1) socket.uncork();
  });
  // Awaited on the next turn; until then a failure must not count as unhandled.
  done.catch(() => undefined);
  return done;
}

function ensureOpen(socket: net.Socket): void {
  if (socket.destroyed) throw socket.errored ?? new Error('the connection closed');
}

export function plainOutlet(socket: net.Socket): StreamOutlet {
  return {
    consumes: false,
    write: (bytes) => written(socket, [bytes]),
    end: () => Promise.resolve(),
    withdraw: () => Promise.resolve(),
    ensureOpen: () => ensureOpen(socket),
  };
}

/** Seals everything with the connection's key (see sealing/record-format.ts). */
export function sealedOutlet(socket: net.Socket, key: KeyObject): StreamOutlet {
  const sealer = new RecordSealer(key, (pieces) => written(socket, pieces));
  return {
    consumes: true,
    write: (bytes) => sealer.write(bytes),
    end: () => sealer.end(),
    withdraw: () => sealer.withdraw(),
    ensureOpen: () => ensureOpen(socket),
  };
}
