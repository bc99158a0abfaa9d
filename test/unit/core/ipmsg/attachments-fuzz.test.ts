// Seeded fuzzing of the attachment list codec: hostile lists never make it throw, and
// random well-formed lists read back exactly. The seeds are fixed so failures reproduce.
import { describe, expect, it } from 'vitest';
import {
  decodeAttachments,
  encodeAttachments,
  LEGACY_ENCODINGS,
  type Attachment,
} from '../../../../src-main/core/ipmsg';
import { prng } from './prng';

const GOLDEN = [
  '536870913:report.pdf:1a2b3:65f0a3b2:1:\x07536870914:photos:0:65f0a3b2:2:\x07',
  '536870915:ipmsgclip_s0_0.png:2c4:65f0a3b2:20:8=5:\x07',
  '0:a.txt:10:65f0a3b2:1:\x07:1:docs:4000:65f0a3b2:2:\x07:',
  '7:a:b.txt:10:65f0a3b2:1:\x07',
  '1:a::b.txt:3:0:1:\x07',
].map((s) => Buffer.from(s, 'latin1'));

const INTERESTING = [0x3a, 0x07, 0x00, 0x3d, 0x2c, 0x30, 0x39, 0x66, 0x80, 0xff, 0x0a];

function mutate(rng: ReturnType<typeof prng>, input: Buffer): Buffer {
  let out = Buffer.from(input);
  for (let r = 1 + rng.int(6); r > 0; r--) {
    const at = rng.int(out.length + 1);
    const op = rng.int(5);
    if (op === 0 && out.length > 0) out[Math.min(at, out.length - 1)] = rng.int(256);
    else if (op === 1) {
      out = Buffer.concat([
        out.subarray(0, at),
        Buffer.from([rng.pick(INTERESTING)]),
        out.subarray(at),
      ]);
    } else if (op === 2) out = out.subarray(0, at);
    else if (op === 3)
      out = Buffer.concat([out.subarray(0, at), out.subarray(at + 1 + rng.int(8))]);
    else
      out = Buffer.concat([
        out.subarray(0, at),
        Buffer.from('f'.repeat(rng.int(40))),
        out.subarray(at),
      ]);
  }
  return out;
}

function check(list: Buffer, rng: ReturnType<typeof prng>): number {
  const result = decodeAttachments(list, {
    utf8Flag: rng.next() < 0.5,
    legacy: rng.pick(LEGACY_ENCODINGS),
  });
  expect(Number.isInteger(result.malformed)).toBe(true);
  for (const a of result.attachments) {
    expect(Number.isInteger(a.fileId) && a.fileId >= 0 && a.fileId <= 0xffffffff).toBe(true);
    expect(Number.isSafeInteger(a.size) && a.size >= 0).toBe(true);
    expect(Number.isSafeInteger(a.mtime) && a.mtime >= 0).toBe(true);
    expect(Number.isInteger(a.attr) && a.attr >= 0 && a.attr <= 0xffffffff).toBe(true);
    expect(a.name.length).toBeGreaterThan(0);
  }
  return result.attachments.length;
}

describe('attachment list fuzzing', { timeout: 30000 }, () => {
  it('never throws on random bytes', () => {
    const rng = prng(0xa77ac4);
    for (let i = 0; i < 3000; i++) check(rng.randomBytes(rng.pick([0, 1, 10, 100, 3000])), rng);
  });

  it('never throws on mutated real lists, and still reads many of them', () => {
    const rng = prng(2425);
    let read = 0;
    for (let i = 0; i < 5000; i++) read += check(mutate(rng, rng.pick(GOLDEN)), rng);
    expect(read).toBeGreaterThan(1000); // the mutations do reach the field parsers
  });

  it('round-trips random lists, with ":" escaped or (without ":" in names) plain', () => {
    const rng = prng(99);
    const alphabet = [...'abcXYZ019 _-.#@=,;中文😀é:'];
    for (let i = 0; i < 1500; i++) {
      const escapeColons = rng.next() < 0.5;
      const list: Attachment[] = Array.from({ length: 1 + rng.int(5) }, (_, n) => {
        let name = Array.from({ length: 1 + rng.int(12) }, () => rng.pick(alphabet)).join('');
        if (!escapeColons) name = name.replace(/:/g, 'x');
        return {
          fileId: n + rng.int(2 ** 31),
          name,
          size: rng.int(2 ** 40),
          mtime: rng.int(2 ** 32),
          attr: rng.pick([1, 2, 0x20, 0x101]),
          extensions: rng.next() < 0.3 ? [{ key: 0x14, value: rng.int(2 ** 32).toString(16) }] : [],
        };
      });
      const unique = list.filter((a, k) => list.findIndex((b) => b.fileId === a.fileId) === k);
      const encoded = encodeAttachments(unique, { encoding: 'utf8', escapeColons });
      const decoded = decodeAttachments(encoded, { utf8Flag: true, legacy: 'gb18030' });
      expect(decoded).toEqual({ attachments: unique, malformed: 0 });
    }
  });
});
