// The sending half of a sealed stream: bytes in, records out. Whole records are encrypted
// straight from the caller's buffer; only a tail shorter than a record is copied aside (a
// folder's headers, a file's last bytes). Each record is encrypted at once, so the caller's
// buffer is free again as soon as write() returns its promise's value.
import { createCipheriv, type KeyObject } from 'node:crypto';
import { additionalData, encodeHeader, nonceFor, RECORD_BYTES, TAG_BYTES } from './record-format';

/** Where records go: resolves when the transport has taken them (backpressure). */
export type RecordOutput = (pieces: readonly Buffer[]) => Promise<void>;

export class RecordSealer {
  private index = 0;
  private readonly pending: Buffer;
  private fill = 0;
  private ended = false;

  constructor(
    private readonly key: KeyObject,
    private readonly output: RecordOutput,
    private readonly recordBytes = RECORD_BYTES,
  ) {
    this.pending = Buffer.allocUnsafeSlow(recordBytes);
  }

  /** Seals `bytes` into records; resolves once the last record sent has been taken. */
  write(bytes: Buffer): Promise<void> {
    if (this.ended) return Promise.reject(new Error('the sealed stream has ended'));
    let sent: Promise<void> = Promise.resolve();
    let at = 0;
    while (at < bytes.length) {
      if (this.fill === 0 && bytes.length - at >= this.recordBytes) {
        sent = this.seal(bytes.subarray(at, at + this.recordBytes), false);
        at += this.recordBytes;
        continue;
      }
      const take = Math.min(this.recordBytes - this.fill, bytes.length - at);
      bytes.copy(this.pending, this.fill, at, at + take);
      this.fill += take;
      at += take;
      if (this.fill === this.recordBytes) {
        sent = this.seal(this.pending, false);
        this.fill = 0;
      }
    }
    return sent;
  }

  /** Seals what is left as the final record (possibly empty): the end of the stream. */
  end(): Promise<void> {
    if (this.ended) return Promise.resolve();
    this.ended = true;
    const last = this.seal(this.pending.subarray(0, this.fill), true);
    this.fill = 0;
    return last;
  }

  /**
   * Ends the stream with a withdrawn record instead: what is still pending is dropped, and
   * the receiver keeps nothing (the file changed since it was offered).
   */
  withdraw(): Promise<void> {
    if (this.ended) return Promise.resolve();
    this.ended = true;
    this.fill = 0;
    return this.seal(this.pending.subarray(0, 0), true, true);
  }

  private seal(plain: Buffer, final: boolean, withdrawn = false): Promise<void> {
    const index = this.index++;
    const header = encodeHeader(plain.length, final, withdrawn);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonceFor(index), {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(additionalData(header, index));
    const body = cipher.update(plain);
    const tail = cipher.final();
    const tag = cipher.getAuthTag();
    return this.output(tail.length > 0 ? [header, body, tail, tag] : [header, body, tag]);
  }
}
