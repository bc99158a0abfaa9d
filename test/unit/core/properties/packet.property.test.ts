// Round trips of the datagram codec: any packet Pigeon can write decodes to itself, and
// every real datagram of the corpus survives decode → encode → decode unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ackExtra,
  decodePacket,
  encodePacket,
  parseAckExtra,
  type Packet,
} from '../../../../src-main/core/ipmsg';
import { corpusFiles } from './corpus';

/** What encodePacket makes of a header field. */
const asWritten = (field: string): string => field.replace(/:/g, ';').replace(/\0/g, '');

const uint32 = fc.integer({ min: 0, max: 0xffffffff });
const outgoing = fc.record({
  version: fc
    .tuple(fc.integer({ min: 0, max: 9 }), fc.string({ unit: 'binary' }))
    .map(([digit, rest]) => `${digit}${rest}`),
  packetNo: uint32,
  user: fc.string({ unit: 'binary' }),
  host: fc.string({ unit: 'binary' }),
  command: uint32,
  extra: fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
});

function reencoded(packet: Packet): Buffer {
  return encodePacket({ ...packet, extra: packet.extra });
}

describe('encodePacket → decodePacket', () => {
  it('gives back every field (header text as written: ":" as ";", no NUL)', () => {
    fc.assert(
      fc.property(outgoing, (p) => {
        const result = decodePacket(encodePacket(p));
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const got = result.packet;
        expect(got.version).toBe(asWritten(p.version));
        expect(got.user).toBe(asWritten(p.user));
        expect(got.host).toBe(asWritten(p.host));
        expect([got.packetNo, got.command]).toEqual([p.packetNo, p.command]);
        expect(got.mode | got.options).toBe(p.command | 0);
        expect(got.extra.equals(p.extra)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps GBK header fields when written in GBK', () => {
    const chinese = fc.string({
      unit: fc.constantFrom(...'张三李四研发部王五赵六测试电脑ABC-_ 1'),
      minLength: 1,
    });
    fc.assert(
      fc.property(chinese, chinese, uint32, (user, host, packetNo) => {
        const bytes = encodePacket({
          version: '1_lbt6_0#128#5C260A1B2C3D#0#0#0#4001#9',
          packetNo,
          user,
          host,
          command: 32,
          headerEncoding: 'gbk',
        });
        const result = decodePacket(bytes);
        expect(result.ok && [result.packet.user, result.packet.host]).toEqual([user, host]);
      }),
    );
  });
});

describe('decodePacket → encodePacket → decodePacket', () => {
  it('is stable for every datagram of the corpus and for mutations of them', () => {
    const seeds = corpusFiles('packets');
    const mutated = fc
      .tuple(fc.constantFrom(...seeds), fc.nat(), fc.uint8Array({ maxLength: 8 }))
      .map(([seed, at, bytes]) => {
        const cut = at % (seed.length + 1);
        return Buffer.concat([seed.subarray(0, cut), bytes, seed.subarray(cut)]);
      });
    fc.assert(
      fc.property(mutated, (datagram) => {
        const first = decodePacket(datagram);
        if (!first.ok) return;
        const second = decodePacket(reencoded(first.packet));
        expect(second.ok).toBe(true);
        if (!second.ok) return;
        expect(second.packet.user).toBe(asWritten(first.packet.user));
        expect(second.packet.host).toBe(asWritten(first.packet.host));
        expect(second.packet.extra.equals(first.packet.extra)).toBe(true);
      }),
      { numRuns: 1000, examples: seeds.map((seed) => [seed]) },
    );
  });
});

describe('acknowledgements', () => {
  it('carry any packet number through ackExtra → parseAckExtra', () => {
    fc.assert(
      fc.property(uint32, (n) => {
        expect(parseAckExtra(ackExtra(n))).toBe(n);
      }),
    );
  });
});
