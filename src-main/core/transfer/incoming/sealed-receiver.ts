// The receiving half of a sealed file connection: the socket reads straight into the
// RecordOpener's buffer (net's `onread`, no buffer per read), each record is opened as it
// completes and its plaintext goes to the file with one positioned write, a few in flight at
// most (reading pauses meanwhile). Only authenticated bytes ever reach the disk, so a
// partial file kept for a resume holds nothing the sender did not send. The file is complete
// only with the final record: the sender sends it after checking that the file it read is
// still the one it offered.
import type net from 'node:net';
import { watchReceiving } from '../connection';
import type { RecordOpener } from '../sealing/record-opener';
import { asTransferError, TransferError } from '../transfer-error';
import { writeFully, type BlockReceiverOptions } from './block-receiver';

const WRITES_IN_FLIGHT = 4;
const SCRAP = Buffer.alloc(64);

/**
 * Like BlockReceiver: give `onread` to the socket at connect time, then `receive(socket)`
 * resolves with the bytes written once the final record arrived or the peer closed (fewer
 * then), or rejects on a bad record, a socket or disk error, a stall or cancellation, always
 * after every write in flight has settled.
 */
export class SealedReceiver {
  readonly onread: net.OnReadOpts;
  private received = 0;
  private written = 0;
  private position: number;
  private inFlight = 0;
  private paused = false;
  private failure: Error | undefined;
  private socket: net.Socket | undefined;
  private finish: (() => void) | undefined;

  constructor(
    private readonly opener: RecordOpener,
    private readonly options: BlockReceiverOptions,
  ) {
    this.position = options.position;
    this.onread = {
      // After a failure the socket may still ask for room before it is gone: a scrap buffer
      // (room() would throw the failure again, from inside net's read callback).
      buffer: () => (this.failure ? SCRAP : this.opener.room()),
      callback: (count) => this.arrived(count),
    };
  }

  receive(socket: net.Socket): Promise<number> {
    this.socket = socket;
    socket.on('error', (error) => this.fail(error));
    const unwatch = watchReceiving(socket, this.options);
    const ended = new Promise<void>((resolve) => {
      this.finish = resolve;
      socket.once('close', resolve);
    });
    return ended.then(async () => {
      unwatch();
      socket.destroy();
      while (this.inFlight > 0) await new Promise((resolve) => setImmediate(resolve));
      if (this.failure) throw this.failure;
      // Every byte but no final record: the sender did not vouch for the end (it may have
      // found the file changed after the last byte), so the file is not complete.
      if (!this.opener.finished && this.written >= this.options.expected) {
        throw new TransferError('short', "The connection ended before the sender's last record");
      }
      // Cut off before the final record, what arrived is still authentic: the caller finds
      // it short and may keep it for a resume.
      return this.written;
    });
  }

  private arrived(count: number): boolean {
    if (this.failure) return false;
    try {
      const plain = this.opener.filled(count);
      if (plain && plain.length > 0) this.store(plain);
    } catch (error) {
      this.fail(error);
      return false;
    }
    if (this.opener.finished) {
      this.finish?.();
      return false;
    }
    if (this.inFlight >= WRITES_IN_FLIGHT) {
      this.paused = true;
      return false;
    }
    return true;
  }

  private store(plain: Buffer): void {
    if (this.received + plain.length > this.options.expected) {
      throw new TransferError('protocol', 'The peer sent more than the file holds');
    }
    this.received += plain.length;
    this.options.onChunk(plain, this.received);
    const at = this.position;
    this.position += plain.length;
    this.inFlight += 1;
    writeFully(this.options.handle, plain, plain.length, at).then(
      () => {
        this.inFlight -= 1;
        this.written += plain.length;
        if (this.paused && !this.failure && this.inFlight < WRITES_IN_FLIGHT) {
          this.paused = false;
          this.socket?.resume();
        }
      },
      (error: unknown) => {
        this.inFlight -= 1;
        this.fail(error);
      },
    );
  }

  private fail(error: unknown): void {
    this.failure ??= asTransferError(error, 'io');
    this.socket?.destroy();
  }
}
