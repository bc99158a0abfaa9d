import dgram from 'node:dgram';

export interface Datagram {
  bytes: Buffer;
  address: string;
  port: number;
}

export interface UdpTransportOptions {
  port: number;
  bindAddress: string;
  onDatagram: (datagram: Datagram) => void;
  /** Socket-level trouble after start (never thrown: the messenger keeps running). */
  onError?: (error: Error) => void;
}

/** Raised when the port cannot be bound; the message is meant for the user. */
export class PortUnavailableError extends Error {
  constructor(
    readonly port: number,
    readonly code: string,
  ) {
    super(
      code === 'EADDRINUSE'
        ? `UDP port ${port} is already in use — another messenger (FeiQ, IP Messenger, iptux or a second Pigeon) is probably running on this computer. Quit it, or start Pigeon on another port.`
        : code === 'EACCES'
          ? `Not allowed to use UDP port ${port}. Choose a port above 1024 or check the system's security settings.`
          : `Could not open UDP port ${port} (${code}).`,
    );
    this.name = 'PortUnavailableError';
  }
}

/**
 * The one UDP socket: bound to 0.0.0.0 (a socket bound to the host's own address does
 * not hear broadcasts), broadcast enabled once bound. Knows bytes and addresses only.
 */
export class UdpTransport {
  private socket: dgram.Socket | undefined;

  constructor(private readonly options: UdpTransportOptions) {}

  async open(): Promise<void> {
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: false });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        socket.close();
        reject(new PortUnavailableError(this.options.port, error.code ?? 'EUNKNOWN'));
      };
      socket.once('error', onError);
      socket.bind(
        { port: this.options.port, address: this.options.bindAddress, exclusive: true },
        () => {
          socket.off('error', onError);
          resolve();
        },
      );
    });
    // setBroadcast throws EBADF before bind completes, so only now.
    socket.setBroadcast(true);
    try {
      // Room for a whole office answering a BR_ENTRY at once; the kernel caps it at rmem_max.
      socket.setRecvBufferSize(4 * 1024 * 1024);
    } catch {
      // Not fatal: the default buffer still works, only bursts may be dropped.
    }
    socket.on('message', (bytes, rinfo) =>
      this.options.onDatagram({ bytes, address: rinfo.address, port: rinfo.port }),
    );
    socket.on('error', (error) => this.options.onError?.(error));
    this.socket = socket;
  }

  get isOpen(): boolean {
    return this.socket !== undefined;
  }

  /** Send one datagram; resolves false (never throws) when the network refuses it. */
  send(bytes: Buffer, address: string, port: number): Promise<boolean> {
    const socket = this.socket;
    if (!socket) return Promise.resolve(false);
    return new Promise((resolve) => {
      try {
        socket.send(bytes, port, address, (error) => {
          if (error) this.options.onError?.(error);
          resolve(!error);
        });
      } catch (error) {
        this.options.onError?.(error as Error);
        resolve(false);
      }
    });
  }

  /**
   * Join a multicast group on each of these interface addresses (FeiQ's groups), so it
   * is heard whichever network it comes from. Returns the addresses that joined; one
   * that refuses (no multicast on that interface) is left out, never fatal.
   */
  joinMulticast(group: string, interfaces: Iterable<string>): string[] {
    const socket = this.socket;
    if (!socket) return [];
    const joined: string[] = [];
    for (const address of interfaces) {
      try {
        socket.addMembership(group, address);
        joined.push(address);
      } catch {
        // That interface takes no multicast: the others still hear the group.
      }
    }
    return joined;
  }

  /** Send one datagram to a multicast group out of each interface (one copy per network). */
  async sendMulticast(
    bytes: Buffer,
    group: string,
    port: number,
    interfaces: string[],
  ): Promise<boolean> {
    const socket = this.socket;
    if (!socket) return false;
    let sent = false;
    for (const address of interfaces) {
      try {
        socket.setMulticastInterface(address);
      } catch {
        continue;
      }
      sent = (await this.send(bytes, group, port)) || sent;
    }
    return sent;
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return;
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
