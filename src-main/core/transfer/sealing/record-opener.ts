// The receiving half of a sealed stream: bytes as they arrive in, authenticated plaintext
// out, record by record. Nothing is released before its record's tag checks, and any fault
// (a bad tag, an oversized record, bytes after the final record) ends the stream for good;
// so does a withdrawn record (the sender's file changed since the offer: 'changed').
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
    const out: Buffer[] = [];
    let at = 0;
    while (at < chunk.length) {
      const room = this.room();
      const take = chunk.copy(room, 0, at, Math.min(chunk.length, at + room.length));
      at += take;
      const plain = this.filled(take);
      if (plain) out.push(plain);
    }
    return out;
  }

  /**
   * Where the next bytes go: the rest of the header or of the record. Given to net's
   * `onread`, the socket reads straight into it, with no buffer allocated per read.
   */
  room(): Buffer {
    if (this.failure) throw this.failure;
    return this.bodyLength === undefined
      ? this.header.subarray(this.headerFill)
      : this.body.subarray(this.bodyFill, this.bodyLength);
  }

  /** `count` bytes were written into room(): the plaintext of the record they complete. */
  filled(count: number): Buffer | undefined {
    if (this.failure) throw this.failure;
    try {
      if (this.final && count > 0) throw new Error('bytes after the final record');
      if (this.bodyLength === undefined) {
        this.headerFill += count;
        if (this.headerFill === HEADER_BYTES) this.startBody();
        return undefined;
      }
      this.bodyFill += count;
      return this.bodyFill === this.bodyLength ? this.open() : undefined;
    } catch (error) {
      this.failure =
        error instanceof TransferError
          ? error
          : new TransferError(
              'protocol',
              `The sealed stream does not open: ${(error as Error).message}`,
            );
      throw this.failure;
    }
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
    const header = decodeHeader(this.header);
    if (header.withdrawn) {
      if (!header.final || length > 0) throw new Error('a withdrawn record with content');
      throw new TransferError(
        'changed',
        "The file changed on the sender's computer after it was offered",
      );
    }
    this.final = header.final;
    this.headerFill = 0;
    this.bodyLength = undefined;
    return tail.length > 0 ? Buffer.concat([plain, tail]) : plain;
  }
}
