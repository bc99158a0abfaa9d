// The receiving half of a file connection, built for speed: the socket reads straight into a
// few reusable 1 MiB blocks (net's `onread`), and each full block goes to the file with one
// positioned write. Reading through a stream allocates a buffer per read and queues promise
// writes per chunk, which cost about half the throughput of a fast LAN in measurements
// (docs/benchmarks.md). Memory stays at BLOCKS × BLOCK_BYTES however large the file.
import type { FileHandle } from 'node:fs/promises';
import type net from 'node:net';
import { watchReceiving } from '../connection';
import { asTransferError } from '../transfer-error';

const BLOCK_BYTES = 1024 * 1024;
const BLOCKS = 4;

export interface BlockReceiverOptions {
  /** The file being written, and where the first received byte goes. */
  handle: FileHandle;
  position: number;
  /** Bytes wanted; anything the peer sends beyond them is left unread. */
  expected: number;
  /** Called with every piece as it arrives (hashing, progress); the bytes are reused after. */
  onChunk: (bytes: Buffer, received: number) => void;
  signal?: AbortSignal;
  idleTimeoutMs?: number;
}

/**
 * Give `receiver.onread` to the socket at connect time, then `receive(socket)`: resolves with
 * the number of bytes written once everything arrived or the peer closed (fewer then), and
 * rejects on a socket or disk error, a stall, or cancellation — always after every write in
 * flight has settled, so the caller may close or delete the file at once.
 */
export class BlockReceiver {
  readonly onread: net.OnReadOpts;
  private received = 0;
  private written = 0;
  private current: Buffer = Buffer.allocUnsafeSlow(BLOCK_BYTES);
  private fill = 0;
  private readonly spare: Buffer[] = [];
  private allocated = 1;
  private inFlight = 0;
  private position: number;
  private paused = false;
  private failure: Error | undefined;
  private socket: net.Socket | undefined;
  private settled = false;
  private finish: (() => void) | undefined;

  constructor(private readonly options: BlockReceiverOptions) {
    this.position = options.position;
    this.onread = {
      // Never offer more room than bytes still wanted: the rest stays in the kernel.
      buffer: () =>
        this.current.subarray(
          this.fill,
          Math.min(BLOCK_BYTES, this.fill + Math.max(1, options.expected - this.received)),
        ),
      callback: (count, buffer) => this.arrived(count, buffer as Buffer),
    };
  }

  receive(socket: net.Socket): Promise<number> {
    this.socket = socket;
    socket.on('error', (error) => this.fail(asTransferError(error, 'io')));
    const unwatch = watchReceiving(socket, this.options);
    const ended = new Promise<void>((resolve) => {
      this.finish = resolve;
      socket.once('close', resolve);
    });
    return ended.then(async () => {
      unwatch();
      socket.destroy();
      this.settled = true;
      // What arrived but did not fill a block yet still belongs in the file.
      if (!this.failure && this.fill > 0) this.flush();
      await this.quiet();
      if (this.failure) throw this.failure;
      return this.written;
    });
  }

  private arrived(count: number, buffer: Buffer): boolean {
    if (this.failure || this.settled) return false;
    const take = Math.min(count, this.options.expected - this.received);
    if (take <= 0) return false;
    this.received += take;
    this.fill += take;
    this.options.onChunk(buffer.subarray(0, take), this.received);
    const complete = this.received === this.options.expected;
    if (this.fill === BLOCK_BYTES || complete) this.flush();
    if (complete) {
      this.finish?.();
      return false;
    }
    // Keep one block free to read into: stop reading while all the others are on their way
    // to the disk, and go on when one comes back.
    if (this.spare.length === 0 && this.allocated === BLOCKS && this.inFlight === BLOCKS - 1) {
      this.paused = true;
      return false;
    }
    return true;
  }

  private flush(): void {
    const block = this.current;
    const length = this.fill;
    const position = this.position;
    this.position += length;
    this.fill = 0;
    this.inFlight += 1;
    const next = this.spare.pop();
    if (next) this.current = next;
    else if (this.allocated < BLOCKS) {
      this.current = Buffer.allocUnsafeSlow(BLOCK_BYTES);
      this.allocated += 1;
    }
    // (With all blocks out the receiver has paused, and `current` is the one kept free.)
    writeFully(this.options.handle, block, length, position).then(
      () => {
        this.inFlight -= 1;
        this.written += length;
        this.spare.push(block);
        if (this.paused && !this.failure) {
          this.paused = false;
          this.socket?.resume();
        }
      },
      (error: unknown) => {
        this.inFlight -= 1;
        this.fail(asTransferError(error, 'io'));
        this.socket?.destroy();
      },
    );
  }

  private fail(error: Error): void {
    this.failure ??= error;
  }

  /** Waits for the writes in flight (a few at most) to settle. */
  private async quiet(): Promise<void> {
    while (this.inFlight > 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function writeFully(
  handle: FileHandle,
  block: Buffer,
  length: number,
  position: number,
): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesWritten } = await handle.write(block, done, length - done, position + done);
    done += bytesWritten;
  }
}
