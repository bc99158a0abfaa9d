// The record layer of sealed transfers: what the sealer writes, the opener gives back exactly,
// however the bytes are cut on the way; a flipped bit, a missing end, records swapped, replayed
// or cut are refused before any of their plaintext is released.
import { createSecretKey, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordOpener } from '../../../../src-main/core/transfer/sealing/record-opener';
import { RecordSealer } from '../../../../src-main/core/transfer/sealing/record-sealer';
import { HEADER_BYTES, TAG_BYTES } from '../../../../src-main/core/transfer/sealing/record-format';

const RECORD = 64;
const key = createSecretKey(randomBytes(32));

/** A sealer of RECORD-byte records that keeps every record as its own buffer. */
function collecting(withKey = key): { sealer: RecordSealer; records: Buffer[] } {
  const records: Buffer[] = [];
  const sealer = new RecordSealer(
    withKey,
    (pieces) => {
      records.push(Buffer.concat(pieces));
      return Promise.resolve();
    },
    RECORD,
  );
  return { sealer, records };
}

/** Seals `writes` (each a write call) and returns every record as its own buffer. */
async function seal(writes: readonly Buffer[], withKey = key): Promise<Buffer[]> {
  const { sealer, records } = collecting(withKey);
  for (const bytes of writes) await sealer.write(bytes);
  await sealer.end();
  return records;
}

/** Opens `stream` cut at `cuts` (offsets); returns the plaintext and whether it finished. */
function open(stream: Buffer, cuts: readonly number[] = [], withKey = key) {
  const opener = new RecordOpener(withKey, RECORD);
  const out: Buffer[] = [];
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b).concat(stream.length)) {
    out.push(...opener.push(stream.subarray(at, Math.max(at, cut))));
    at = Math.max(at, cut);
  }
  return { plain: Buffer.concat(out), finished: opener.finished };
}

const message = randomBytes(RECORD * 5 + 17);

describe('sealed transfer records', () => {
  it('round trips whole records and a short tail, ending with a final record', async () => {
    const records = await seal([message]);
    expect(records).toHaveLength(6);
    expect(records.slice(0, 5).every((r) => r.length === HEADER_BYTES + RECORD + TAG_BYTES)).toBe(
      true,
    );
    const { plain, finished } = open(Buffer.concat(records));
    expect(plain.equals(message)).toBe(true);
    expect(finished).toBe(true);
  });

  it('never shows the plaintext on the wire', async () => {
    const text = Buffer.from('the quarterly numbers, strictly private '.repeat(20));
    const wire = Buffer.concat(await seal([text]));
    expect(wire.includes(text.subarray(0, 16))).toBe(false);
    expect(wire.includes(Buffer.from('strictly private'))).toBe(false);
  });

  it('an empty stream is one empty final record', async () => {
    const records = await seal([]);
    expect(records).toHaveLength(1);
    expect(open(records[0] as Buffer)).toEqual({ plain: Buffer.alloc(0), finished: true });
  });

  it('round trips any writes, however the stream is cut on the way', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: RECORD * 3 }), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (writes, cuts) => {
          const buffers = writes.map((w) => Buffer.from(w));
          const wire = Buffer.concat(await seal(buffers));
          const { plain, finished } = open(
            wire,
            cuts.map((c) => c % (wire.length + 1)),
          );
          expect(plain.equals(Buffer.concat(buffers))).toBe(true);
          expect(finished).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a stream with any bit flipped, releasing nothing of that record', async () => {
    const wire = Buffer.concat(await seal([message]));
    const recordLength = HEADER_BYTES + RECORD + TAG_BYTES;
    fc.assert(
      fc.property(fc.nat({ max: wire.length * 8 - 1 }), (bit) => {
        const tampered = Buffer.from(wire);
        tampered[bit >> 3] = (tampered[bit >> 3] as number) ^ (1 << (bit & 7));
        const opener = new RecordOpener(key, RECORD);
        const released: Buffer[] = [];
        let refused = false;
        try {
          released.push(...opener.push(tampered));
        } catch {
          refused = true;
        }
        // A flipped length may leave the stream waiting for bytes that never come: then it
        // is unfinished, which the receiver counts as cut short.
        expect(refused || !opener.finished).toBe(true);
        const damagedRecord = Math.floor((bit >> 3) / recordLength);
        expect(Buffer.concat(released).length).toBeLessThanOrEqual(damagedRecord * RECORD);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses records swapped, replayed or dropped, and a stream cut before its end', async () => {
    const records = await seal([message]);
    const [r0, r1, r2] = records as [Buffer, Buffer, Buffer];
    const swapped = Buffer.concat([r1, r0, ...records.slice(2)]);
    const replayed = Buffer.concat([r0, r0, ...records.slice(1)]);
    const dropped = Buffer.concat([r0, r2, ...records.slice(3)]);
    for (const stream of [swapped, replayed, dropped]) {
      expect(() => open(stream)).toThrow(/does not open/);
    }
    const cut = open(Buffer.concat(records.slice(0, -1)));
    expect(cut.finished).toBe(false);
    expect(cut.plain.equals(message.subarray(0, RECORD * 5))).toBe(true);
  });

  it('refuses a final record moved up, bytes after the end and a stream for another key', async () => {
    const records = await seal([message]);
    const last = records.at(-1) as Buffer;
    expect(() => open(Buffer.concat([last, ...records.slice(0, -1)]))).toThrow(/does not open/);
    expect(() => open(Buffer.concat([...records, records[0] as Buffer]))).toThrow(
      /after the final record/,
    );
    expect(() => open(Buffer.concat(records), [], createSecretKey(randomBytes(32)))).toThrow(
      /does not open/,
    );
  });

  it('ends a withdrawn stream with "changed", and refuses a withdrawn record with content', async () => {
    const { sealer, records } = collecting();
    await sealer.write(message.subarray(0, RECORD * 2 + 5));
    await sealer.withdraw();
    await sealer.end(); // nothing after a withdrawal
    expect(records).toHaveLength(3);
    const opener = new RecordOpener(key, RECORD);
    expect(opener.push(Buffer.concat(records.slice(0, 2))).length).toBe(2);
    expect(() => opener.push(records[2] as Buffer)).toThrow(
      expect.objectContaining({ code: 'changed' }),
    );
    expect(opener.finished).toBe(false);

    // The withdrawn flag set on a data record by someone without the key fails its tag.
    const forged = Buffer.from(records[0] as Buffer);
    forged.writeUInt8((forged.readUInt8(0) | 0xc0) >>> 0, 0);
    expect(() => open(forged)).toThrow(expect.objectContaining({ code: 'protocol' }));
  });

  it('refuses a header announcing a record larger than allowed', () => {
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32BE(RECORD + 1, 0);
    expect(() => open(header)).toThrow(/record of 65 bytes/);
  });
});
