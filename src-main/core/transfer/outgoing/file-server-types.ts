// What the file server is told (its options) and tells (its events), and the error for a
// port it cannot open: the server's contract with the messenger, apart from how it serves.
import type { FileRequestKind } from '../file-request';
import type { TransferKeyBinding } from '../sealing/transfer-keys';
import type { OfferRegistry } from './offer-registry';

export interface ServedTransfer {
  id: number;
  packetNo: number;
  fileId: number;
  peerAddress: string;
  kind: FileRequestKind;
  name: string;
  offset: number;
  /** Bytes to send for a file (size - offset); undefined for a folder. */
  size?: number;
}

export type FileServerEvent =
  | { type: 'start'; transfer: ServedTransfer }
  /** Cumulative content bytes sent by this connection. */
  | { type: 'progress'; transfer: ServedTransfer; bytes: number }
  | {
      type: 'end';
      transfer: ServedTransfer;
      bytes: number;
      outcome: 'done' | 'cancelled' | 'failed';
      reason?: string;
    }
  /** A connection closed without data (not offered, wrong peer, malformed, too many). */
  | { type: 'refused'; peerAddress: string; reason: string };

export interface FileServerOptions {
  registry: OfferRegistry;
  /** The same number as the UDP port. */
  port: number;
  /** Default 0.0.0.0. */
  bindAddress?: string;
  onEvent?: (event: FileServerEvent) => void;
  /** Time for the request packet to arrive (default 10 s). */
  requestTimeoutMs?: number;
  /** A connection that moves no data for this long is dropped (default 60 s). */
  idleTimeoutMs?: number;
  /** Wait after an unterminated but readable request (iptux sends no ':' at the end). */
  settleMs?: number;
  /** Largest request accepted (default 4096 bytes). */
  maxRequestBytes?: number;
  maxConnections?: number;
  maxConnectionsPerPeer?: number;
  highWaterMark?: number;
  /**
   * After the last byte, how long to wait for the receiver to close (default 10 s): "Sent"
   * should mean the peer has it all, not that the kernel took it.
   */
  closeWaitMs?: number;
  /** The picture a Pigeon's avatar request names, when it is ours to give. */
  avatar?: (hash: string) => Buffer | undefined;
  /** Identity keys, when there are: a sealed request must then be signed by its peer. */
  binding?: TransferKeyBinding;
}

/** The port is taken or not allowed; the message is meant for the user. */
export class FileServerPortError extends Error {
  constructor(
    readonly port: number,
    readonly code: string,
  ) {
    super(
      code === 'EADDRINUSE'
        ? `TCP port ${port} is already in use, so files cannot be offered — another messenger is probably running on this computer.`
        : `Could not open TCP port ${port} for file transfers (${code}).`,
    );
    this.name = 'FileServerPortError';
  }
}
