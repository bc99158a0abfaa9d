import { describe, expect, it } from 'vitest';
import { orderTrailer, readOrderTrailer } from '../../../../src-main/core/ipmsg/message-order';

const extra = (text: string, trailer: Buffer | string): Buffer =>
  Buffer.concat([Buffer.from(`${text}\0`), Buffer.from(trailer)]);

describe('order marker', () => {
  it('reads back the number it was written with', () => {
    expect(readOrderTrailer(extra('hi', orderTrailer(4294967295)))).toBe(4294967295);
    expect(readOrderTrailer(extra('hi', orderTrailer(17)))).toBe(17);
  });

  it('ignores anything that is not a well-formed marker', () => {
    for (const bad of [
      '',
      'PIGEONAFTER:\0',
      'PIGEONAFTER:0\0',
      'PIGEONAFTER:4294967296\0',
      'PIGEONAFTER:12x\0',
      'PIGEONPART:1:0:2\0',
      'PIGEONAFTER:99999999999\0',
    ]) {
      expect(readOrderTrailer(extra('hi', bad))).toBeUndefined();
    }
    expect(readOrderTrailer(Buffer.from('no nul at all'))).toBeUndefined();
  });
});
