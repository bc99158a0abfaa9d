// The receiving half of a sealed stream: bytes as they arrive in, authenticated plaintext
// out, record by record. Nothing is released before its record's tag checks, and any fault
// (a bad tag, an oversized record, bytes after the final record) ends the stream for good.
import { createDecipheriv, type KeyObject } from 'node:crypto';
import { TransferError } from '../transfer-error';
import {
  additionalData,
  decodeHeader,
  HEADER_BYTES,
  nonceFor,
  RECORD_BYTES,
  TAG_BYTES,
} from './record-format';

export class RecordOpener {
  private index = 0;
  private readonly header = Buffer.alloc(HEADER_BYTES);
  private headerFill = 0;
  private readonly body: Buffer;
  private bodyFill = 0;
  /** Ciphertext plus tag of the record being read; undefined while reading a header. */
  private bodyLength: number | undefined;
  private final = false;
  private failure: TransferError | undefined;

  constructor(
    private readonly key: KeyObject,
    private readonly maxRecordBytes = RECORD_BYTES,
  ) {
    this.body = Buffer.allocUnsafeSlow(maxRecordBytes + TAG_BYTES);
  }

  /** The final record has been opened: the stream is complete. */
  get finished(): boolean {
    return this.final;
  }

  /** The plaintext of every record `chunk` completes; throws a 'protocol' TransferError. */
  push(chunk: Buffer): Buffer[] {
    if (this.failure) throw this.failure;
    const out: Buffer[] = [];
    let at = 0;
    try {
      while (at < chunk.length) {
        if (this.final) throw new Error('bytes after the final record');
        if (this.bodyLength === undefined) {
          const take = Math.min(HEADER_BYTES - this.headerFill, chunk.length - at);
          chunk.copy(this.header, this.headerFill, at, at + take);
          this.headerFill += take;
          at += take;
          if (this.headerFill === HEADER_BYTES) this.startBody();
        }
        if (this.bodyLength === undefined) continue;
        const take = Math.min(this.bodyLength - this.bodyFill, chunk.length - at);
        chunk.copy(this.body, this.bodyFill, at, at + take);
        this.bodyFill += take;
        at += take;
        if (this.bodyFill === this.bodyLength) out.push(this.open());
      }
    } catch (error) {
      this.failure = new TransferError(
        'protocol',
        `The sealed stream does not open: ${(error as Error).message}`,
      );
      throw this.failure;
    }
    return out;
  }

  private startBody(): void {
    const { length } = decodeHeader(this.header);
    if (length > this.maxRecordBytes) throw new Error(`a record of ${length} bytes`);
    this.bodyLength = length + TAG_BYTES;
    this.bodyFill = 0;
  }

  private open(): Buffer {
    const length = (this.bodyLength ?? TAG_BYTES) - TAG_BYTES;
    const index = this.index++;
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonceFor(index), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(additionalData(this.header, index));
    decipher.setAuthTag(this.body.subarray(length, length + TAG_BYTES));
    const plain = decipher.update(this.body.subarray(0, length));
    // final() throws when the tag does not match: nothing of the record is released.
    const tail = decipher.final();
    this.final = decodeHeader(this.header).final;
    this.headerFill = 0;
    this.bodyLength = undefined;
    return tail.length > 0 ? Buffer.concat([plain, tail]) : plain;
  }
}
