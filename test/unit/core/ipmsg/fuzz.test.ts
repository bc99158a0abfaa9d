// Seeded fuzzing: whatever arrives on UDP 2425, the codec answers with a result and never
// throws. The seed is fixed so a failure reproduces; change it locally to explore further.
import { describe, expect, it } from 'vitest';
import {
  decodePacket,
  detectClient,
  encodePacket,
  LEGACY_ENCODINGS,
  MAX_DATAGRAM_IN,
  parseAckExtra,
  parseEntryExtra,
  parseFeiqVersion,
  parseMessageExtra,
  protocolVersionOf,
  type DecodeResult,
} from '../../../../src-main/core/ipmsg';
import {
  FEIQ_SENDMSG,
  IPMSG4_ENTRY,
  IPMSG4_ENTRY_CP932,
  IPMSG_HELLO,
  IPMSG_HELLO_PADDED,
  IPTUX_ANSENTRY,
  IPTUX_ENTRY_BROADCAST,
  IPTUX_RECVMSG,
} from './golden';
import { prng } from './prng';

const GOLDEN = [
  IPMSG_HELLO,
  IPMSG_HELLO_PADDED,
  IPTUX_ENTRY_BROADCAST,
  IPTUX_ANSENTRY,
  IPTUX_RECVMSG,
  IPMSG4_ENTRY,
  IPMSG4_ENTRY_CP932,
  FEIQ_SENDMSG,
];

/** Bytes that matter to the parsers: separators, NUL, LF, digits, braces, high bytes. */
const INTERESTING = [0x3a, 0x00, 0x0a, 0x0d, 0x30, 0x31, 0x39, 0x2d, 0x7b, 0x7d, 0x80, 0xff, 0x07];

function mutate(rng: ReturnType<typeof prng>, input: Buffer): Buffer {
  let out = Buffer.from(input);
  const rounds = 1 + rng.int(6);
  for (let r = 0; r < rounds; r++) {
    const at = rng.int(out.length + 1);
    switch (rng.int(7)) {
      case 0: // flip a byte
        if (out.length > 0) out[Math.min(at, out.length - 1)] = rng.int(256);
        break;
      case 1: // insert an interesting byte
        out = Buffer.concat([
          out.subarray(0, at),
          Buffer.from([rng.pick(INTERESTING)]),
          out.subarray(at),
        ]);
        break;
      case 2: // truncate
        out = out.subarray(0, at);
        break;
      case 3: // delete a run
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + 1 + rng.int(8))]);
        break;
      case 4: // duplicate a run
        out = Buffer.concat([
          out.subarray(0, at),
          out.subarray(at, at + rng.int(32)),
          out.subarray(at),
        ]);
        break;
      case 5: // splice random bytes
        out = Buffer.concat([out.subarray(0, at), rng.randomBytes(rng.int(16)), out.subarray(at)]);
        break;
      default: // a long number in the header
        out = Buffer.concat([
          out.subarray(0, at),
          Buffer.from('9'.repeat(rng.int(30))),
          out.subarray(at),
        ]);
    }
  }
  return out;
}

/** Everything the core does with a datagram, none of which may throw. */
function exercise(datagram: Buffer): DecodeResult {
  const legacy = LEGACY_ENCODINGS[datagram.length % LEGACY_ENCODINGS.length];
  const result = decodePacket(datagram, { legacyEncoding: legacy });
  expect(typeof result.ok).toBe('boolean');
  if (!result.ok) {
    expect(['malformed', 'oversized']).toContain(result.reason);
    expect(typeof result.detail).toBe('string');
    return result;
  }
  const p = result.packet;
  expect(Number.isInteger(p.packetNo) && p.packetNo >= 0 && p.packetNo <= 0xffffffff).toBe(true);
  expect(Number.isInteger(p.command) && p.command >= 0 && p.command <= 0xffffffff).toBe(true);
  expect(p.mode + p.options).toBe(p.command);
  expect(p.extra.length).toBeLessThan(datagram.length);
  expect(protocolVersionOf(p.version)).toBeGreaterThanOrEqual(0);
  const l = legacy ?? 'gb18030';
  parseEntryExtra(p.extra, p.command, l, { version: p.version });
  parseMessageExtra(p.extra, p.command, l);
  parseAckExtra(p.extra);
  detectClient(p.version);
  parseFeiqVersion(p.version);
  return result;
}

describe('codec fuzzing', { timeout: 30000 }, () => {
  it('never throws on random bytes', () => {
    const rng = prng(0x5eed);
    for (let i = 0; i < 3000; i++) {
      const length = rng.pick([0, 1, 5, 20, 200, 2000, rng.int(9000)]);
      exercise(rng.randomBytes(length));
    }
  });

  it('never throws on random bytes shaped like a header', () => {
    const rng = prng(42);
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const fields = Array.from({ length: 6 }, () => rng.randomBytes(rng.int(12)));
      fields[0] = Buffer.concat([Buffer.from(String(rng.int(3))), fields[0] as Buffer]);
      if (rng.next() < 0.7) fields[1] = Buffer.from(String(rng.int(2 ** 32 + 10)));
      if (rng.next() < 0.7) fields[4] = Buffer.from(String(rng.int(2 ** 32 + 10)));
      const parts: Buffer[] = [];
      fields.forEach((f, n) => parts.push(f, Buffer.from(n < 5 ? ':' : '')));
      if (exercise(Buffer.concat(parts)).ok) accepted++;
    }
    expect(accepted).toBeGreaterThan(100); // the generator does reach the parsers behind decode
  });

  it('never throws on mutated golden packets', () => {
    const rng = prng(2425);
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      if (exercise(mutate(rng, rng.pick(GOLDEN))).ok) accepted++;
    }
    expect(accepted).toBeGreaterThan(500);
  });

  it('refuses every oversized datagram and nothing below the limit for size', () => {
    const rng = prng(7);
    for (let i = 0; i < 20; i++) {
      const size = MAX_DATAGRAM_IN + 1 + rng.int(40000);
      const result = exercise(rng.randomBytes(size));
      expect(result.ok ? 'ok' : result.reason).toBe('oversized');
    }
    const result = exercise(Buffer.alloc(MAX_DATAGRAM_IN, 0x3a));
    expect(result.ok ? 'ok' : result.reason).toBe('malformed');
  });

  it('round-trips random well-formed packets', () => {
    const rng = prng(99);
    const alphabet = 'abcXYZ019 _-.#@中文😀é';
    const word = () => Array.from({ length: rng.int(10) }, () => rng.pick([...alphabet])).join('');
    for (let i = 0; i < 2000; i++) {
      const out = {
        version: `1${word()}`,
        packetNo: rng.int(2 ** 32),
        user: word(),
        host: word(),
        command: rng.int(2 ** 32),
        extra: rng.randomBytes(rng.int(100)),
      };
      const result = decodePacket(encodePacket(out));
      if (!result.ok) throw new Error(result.detail);
      // UTF8OPT set or not, UTF-8 header fields are valid UTF-8 and read back exactly.
      expect(result.packet).toMatchObject(out);
    }
  });
});
