import { describe, expect, it } from 'vitest';
import {
  PART_TRAILER_BYTES,
  partTrailer,
  readPartTrailer,
} from '../../../../src-main/core/ipmsg/message-part';

const extra = (trailer: string | Buffer) =>
  Buffer.concat([
    Buffer.from('hello\0'),
    typeof trailer === 'string' ? Buffer.from(trailer) : trailer,
  ]);

describe('a long message part marker', () => {
  it('reads back what was written, and fits the room kept for it', () => {
    const part = { group: 4294967295, index: 63, count: 64 };
    const trailer = partTrailer(part);
    expect(trailer.length).toBeLessThanOrEqual(PART_TRAILER_BYTES);
    expect(readPartTrailer(extra(trailer))).toEqual(part);
  });

  it('ignores text with nothing after the NUL, and markers that make no sense', () => {
    expect(readPartTrailer(Buffer.from('PIGEONPART:1:0:2'))).toBeUndefined();
    expect(readPartTrailer(extra(''))).toBeUndefined();
    for (const bad of [
      'PIGEONPART:1:2:2\0', // index past the end
      'PIGEONPART:1:0:1\0', // one part is no split
      'PIGEONPART:1:0:65\0', // more parts than any message has
      'PIGEONPART:99999999999:0:2\0', // not a packet number
      'PIGEONPART:-1:0:2\0',
      'PIGEONPART:1:0:2:extra\0',
      'pigeonpart:1:0:2\0',
    ]) {
      expect(readPartTrailer(extra(bad)), bad).toBeUndefined();
    }
  });
});
