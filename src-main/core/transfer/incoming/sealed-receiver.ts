// The receiving half of a sealed file connection: records are opened as they complete and
// each record's plaintext goes to the file with one positioned write, a few in flight at
// most (the socket pauses meanwhile). Only authenticated bytes ever reach the disk, so a
// partial file kept for a resume holds nothing the sender did not send.
import type net from 'node:net';
import { abortedError } from '../connection';
import type { RecordOpener } from '../sealing/record-opener';
import { asTransferError, TransferError } from '../transfer-error';
import { writeFully, type BlockReceiverOptions } from './block-receiver';

const WRITES_IN_FLIGHT = 4;

/**
 * Like BlockReceiver.receive: resolves with the bytes written once the final record arrived
 * or the peer closed (fewer then), rejects on a bad record, a socket or disk error, a stall
 * or cancellation, always after every write in flight has settled.
 */
export function receiveSealed(
  socket: net.Socket,
  opener: RecordOpener,
  options: BlockReceiverOptions,
): Promise<number> {
  let received = 0;
  let written = 0;
  let position = options.position;
  let inFlight = 0;
  let failure: Error | undefined;
  const fail = (error: unknown): void => {
    failure ??= asTransferError(error, 'io');
    socket.destroy();
  };
  const { signal, idleTimeoutMs } = options;
  const onAbort = (): void => void socket.destroy(abortedError());
  signal?.addEventListener('abort', onAbort, { once: true });
  socket.setTimeout(idleTimeoutMs ?? 60_000);
  socket.once('timeout', () =>
    socket.destroy(new TransferError('timeout', 'The peer stopped sending')),
  );
  socket.on('error', (error) => fail(error));
  const store = (plain: Buffer): void => {
    if (received + plain.length > options.expected) {
      throw new TransferError('protocol', 'The peer sent more than the file holds');
    }
    received += plain.length;
    options.onChunk(plain, received);
    const at = position;
    position += plain.length;
    inFlight += 1;
    if (inFlight >= WRITES_IN_FLIGHT) socket.pause();
    writeFully(options.handle, plain, plain.length, at).then(
      () => {
        inFlight -= 1;
        written += plain.length;
        if (!failure && inFlight < WRITES_IN_FLIGHT) socket.resume();
      },
      (error: unknown) => {
        inFlight -= 1;
        fail(error);
      },
    );
  };
  const ended = new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      if (failure) return;
      try {
        for (const plain of opener.push(chunk)) if (plain.length > 0) store(plain);
        if (opener.finished) resolve();
      } catch (error) {
        fail(error);
      }
    });
    socket.once('close', () => resolve());
  });
  if (signal?.aborted) socket.destroy(abortedError());
  return ended.then(async () => {
    signal?.removeEventListener('abort', onAbort);
    socket.destroy();
    while (inFlight > 0) await new Promise((resolve) => setImmediate(resolve));
    if (failure) throw failure;
    // Cut off before the final record, what arrived is still authentic: the caller finds it
    // short and may keep it for a resume.
    return written;
  });
}
