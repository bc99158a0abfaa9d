// A "plain UDP" contact: a simple socket program or device at host:port that speaks
// bare text over UDP, no IPMsg header. Each channel has its own socket on a local
// port the user may choose, so the program can be told where to answer.
import dgram from 'node:dgram';
import { isIpv4 } from '../net/interfaces';
import { PlainPortError } from './plain-port-error';
import { RateLimiter } from '../net/rate-limiter';
import {
  decodePlainText,
  encodePlainText,
  MAX_PLAIN_DATAGRAM,
  MIN_PLAIN_DATAGRAM,
} from './plain-text-codec';
import { isPlainUdpEncoding } from '../store/records/plain-contact-record';
import type { PlainEncoding } from '../../../src-shared/contract';

export interface PlainUdpContact {
  /** IPv4 address of the program (resolve names first: see net/host-lookup). */
  address: string;
  port: number;
  encoding: PlainEncoding;
}

/** One datagram from the contact, decoded. */
export interface PlainUdpText {
  text: string;
  /** Size of the datagram as received. */
  bytes: number;
  /** The address and port it came from (the contact's, unless acceptFromAnyPort). */
  address: string;
  port: number;
  receivedAt: number;
}

export interface PlainUdpChannelOptions {
  contact: PlainUdpContact;
  /** Local UDP port; 0 (the default) lets the system pick one. */
  localPort?: number;
  /** Local address to bind (default 0.0.0.0). */
  bindAddress?: string;
  /** Largest datagram sent or accepted, 16…8192 (default 8192). */
  maxDatagramBytes?: number;
  /**
   * Largest datagram sent, 16…maxDatagramBytes (default maxDatagramBytes). Simple
   * programs read with a small buffer (recvfrom(1024)) and lose whatever does not fit.
   */
  maxSendBytes?: number;
  /**
   * Accept text from the contact's address whatever its source port. Some programs send
   * from one socket and listen on another, so their replies come from a different port.
   */
  acceptFromAnyPort?: boolean;
  /** Datagrams per second accepted from the contact before dropping (default 50). */
  maxPerSecond?: number;
  onText: (message: PlainUdpText) => void;
  /** Socket trouble after open (never thrown: the channel keeps running). */
  onError?: (error: Error) => void;
  now?: () => number;
}

export interface PlainUdpSendResult {
  /** Datagrams the text was cut into. */
  datagrams: number;
  /** How many of them the system accepted for sending (UDP says no more). */
  sent: number;
  /** Characters the contact's encoding cannot hold; they went out as '?'. */
  unrepresentable: number;
  /** Why not all were sent, for the user. */
  error?: string;
}

export interface PlainUdpStats {
  datagramsIn: number;
  datagramsOut: number;
  dropped: {
    /** Larger than maxDatagramBytes. */
    oversized: number;
    /** From an address (or port) other than the contact's. */
    stranger: number;
    rateLimited: number;
    /** Nothing to show (no bytes, or only NULs). */
    empty: number;
  };
}

/** The local UDP port cannot be bound; the message is meant for the user. */
export class PlainUdpPortError extends PlainPortError {
  constructor(port: number, code: string) {
    super('UDP', port, code);
    this.name = 'PlainUdpPortError';
  }
}

const validPort = (port: number, min: number): boolean =>
  Number.isInteger(port) && port >= min && port <= 65535;

/** Throws RangeError for options that a caller should have validated. */
function checkOptions(options: PlainUdpChannelOptions): void {
  const { contact } = options;
  if (!isIpv4(contact.address)) {
    throw new RangeError(`plain UDP contact address must be IPv4, got ${contact.address}`);
  }
  if (!validPort(contact.port, 1)) throw new RangeError(`bad contact port ${contact.port}`);
  if (!isPlainUdpEncoding(contact.encoding)) {
    throw new RangeError(`unknown encoding ${String(contact.encoding)}`);
  }
  if (!validPort(options.localPort ?? 0, 0)) {
    throw new RangeError(`bad local port ${options.localPort}`);
  }
  const max = options.maxDatagramBytes ?? MAX_PLAIN_DATAGRAM;
  if (!Number.isInteger(max) || max < MIN_PLAIN_DATAGRAM || max > MAX_PLAIN_DATAGRAM) {
    throw new RangeError(
      `maxDatagramBytes must be ${MIN_PLAIN_DATAGRAM}…${MAX_PLAIN_DATAGRAM}, got ${max}`,
    );
  }
  const send = options.maxSendBytes ?? max;
  if (!Number.isInteger(send) || send < MIN_PLAIN_DATAGRAM || send > max) {
    throw new RangeError(`maxSendBytes must be ${MIN_PLAIN_DATAGRAM}…${max}, got ${send}`);
  }
}

export class PlainUdpChannel {
  private socket: dgram.Socket | undefined;
  private bound: { address: string; port: number } | undefined;
  private readonly limiter: RateLimiter;
  private readonly maxBytes: number;
  private readonly maxSendBytes: number;
  private readonly now: () => number;
  private readonly counts: PlainUdpStats = {
    datagramsIn: 0,
    datagramsOut: 0,
    dropped: { oversized: 0, stranger: 0, rateLimited: 0, empty: 0 },
  };

  constructor(private readonly options: PlainUdpChannelOptions) {
    checkOptions(options);
    this.maxBytes = options.maxDatagramBytes ?? MAX_PLAIN_DATAGRAM;
    this.maxSendBytes = options.maxSendBytes ?? this.maxBytes;
    this.now = options.now ?? Date.now;
    const perSecond = options.maxPerSecond ?? 50;
    this.limiter = new RateLimiter(perSecond, perSecond * 2, 1, this.now);
  }

  get contact(): PlainUdpContact {
    return { ...this.options.contact };
  }

  /** The bound local address and port, once open. */
  get local(): { address: string; port: number } | undefined {
    return this.bound ? { ...this.bound } : undefined;
  }

  get isOpen(): boolean {
    return this.socket !== undefined;
  }

  /** Binds the local port; rejects with PlainUdpPortError when it cannot. */
  async open(): Promise<{ address: string; port: number }> {
    if (this.socket && this.bound) return { ...this.bound };
    const port = this.options.localPort ?? 0;
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: false });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        socket.close();
        reject(new PlainUdpPortError(port, error.code ?? 'EUNKNOWN'));
      };
      socket.once('error', onError);
      socket.bind({ port, address: this.options.bindAddress ?? '0.0.0.0', exclusive: true }, () => {
        socket.off('error', onError);
        resolve();
      });
    });
    socket.on('message', (bytes, remote) => this.receive(bytes, remote));
    socket.on('error', (error) => this.options.onError?.(error));
    this.socket = socket;
    this.bound = { address: socket.address().address, port: socket.address().port };
    return { ...this.bound };
  }

  /**
   * Sends `text` as bare datagrams, in order. Never rejects for network trouble: the
   * result says how many datagrams the system accepted and why not all.
   */
  async send(text: string): Promise<PlainUdpSendResult> {
    const { datagrams, unrepresentable } = encodePlainText(
      text,
      this.options.contact.encoding,
      this.maxSendBytes,
    );
    const result: PlainUdpSendResult = { datagrams: datagrams.length, sent: 0, unrepresentable };
    for (const datagram of datagrams) {
      const error = await this.sendOne(datagram);
      if (error !== undefined) return { ...result, error };
      result.sent += 1;
    }
    return result;
  }

  stats(): PlainUdpStats {
    return { ...this.counts, dropped: { ...this.counts.dropped } };
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    this.bound = undefined;
    if (!socket) return;
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private sendOne(datagram: Buffer): Promise<string | undefined> {
    const socket = this.socket;
    if (!socket) return Promise.resolve('The plain UDP channel is closed.');
    const { address, port } = this.options.contact;
    return new Promise((resolve) => {
      try {
        socket.send(datagram, port, address, (error) => {
          if (error) {
            resolve(`Could not send to ${address}:${port} (${errorCode(error)}).`);
            return;
          }
          this.counts.datagramsOut += 1;
          resolve(undefined);
        });
      } catch (error) {
        resolve(`Could not send to ${address}:${port} (${errorCode(error)}).`);
      }
    });
  }

  private receive(bytes: Buffer, remote: dgram.RemoteInfo): void {
    const { contact, acceptFromAnyPort } = this.options;
    if (
      remote.address !== contact.address ||
      (!acceptFromAnyPort && remote.port !== contact.port)
    ) {
      this.counts.dropped.stranger += 1;
      return;
    }
    if (bytes.length > this.maxBytes) {
      this.counts.dropped.oversized += 1;
      return;
    }
    if (!this.limiter.allow(remote.address)) {
      this.counts.dropped.rateLimited += 1;
      return;
    }
    const text = decodePlainText(bytes, contact.encoding);
    if (text === '') {
      this.counts.dropped.empty += 1;
      return;
    }
    this.counts.datagramsIn += 1;
    const message: PlainUdpText = {
      text,
      bytes: bytes.length,
      address: remote.address,
      port: remote.port,
      receivedAt: this.now(),
    };
    try {
      this.options.onText(message);
    } catch (error) {
      // A failing listener must not stop the socket from delivering the next datagram.
      this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}
