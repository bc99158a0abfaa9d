// The name sanitiser, entry extras and packet numbers, as properties: a peer's file name
// becomes one safe segment whatever it is, and sanitising it again changes nothing; the
// names in an entry read back as written; packet numbers never repeat and never go back.
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildEntryExtra,
  decodePacket,
  makeCommand,
  Mode,
  Opt,
  PacketNumberer,
  parseEntryExtra,
} from '../../../../src-main/core/ipmsg';
import { isInside, numberedName, safeFileName } from '../../../../src-main/core/transfer/safe-name';
import { corpusFiles } from './corpus';

/** Names as hostile peers choose them: traversal, separators, dots, controls, Windows devices. */
const hostileName = fc.string({
  unit: fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.constantFrom(
      '..',
      '.',
      '/',
      '\\',
      '../',
      '..\\',
      'C:',
      ' ',
      '\u202e',
      '\0',
      'CON',
      'lpt1',
      '.txt',
      '张',
    ),
  ),
  maxLength: 80,
});
const ENTRY_MODES = new Set<number>([Mode.BR_ENTRY, Mode.ANSENTRY, Mode.BR_ABSENCE, Mode.BR_EXIT]);
const maxBytes = fc.integer({ min: 16, max: 300 });

describe('safeFileName', () => {
  it('is one plain segment: no separator, no control, never . or .., never empty, within the cap', () => {
    fc.assert(
      fc.property(hostileName, maxBytes, (name, cap) => {
        const safe = safeFileName(name, { maxBytes: cap });
        expect(safe).not.toMatch(/[\\/\0-\x1f\x7f<>:"|?*]/);
        expect(safe).not.toMatch(/^\.+$/);
        expect(safe.length).toBeGreaterThan(0);
        expect(Buffer.byteLength(safe, 'utf8')).toBeLessThanOrEqual(Math.max(16, cap));
        expect(safe).not.toMatch(/[. ]$/);
        expect(isInside('/downloads', path.join('/downloads', safe))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(hostileName, maxBytes, (name, cap) => {
        const once = safeFileName(name, { maxBytes: cap });
        expect(safeFileName(once, { maxBytes: cap })).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('numbered copies of a safe name stay safe and within the cap', () => {
    fc.assert(
      fc.property(hostileName, fc.integer({ min: 1, max: 10_000 }), (name, n) => {
        const numbered = numberedName(safeFileName(name), n);
        expect(numbered).not.toMatch(/[\\/\0-\x1f]/);
        expect(Buffer.byteLength(numbered, 'utf8')).toBeLessThanOrEqual(255);
        expect(isInside('/downloads', path.join('/downloads', numbered))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('entry extras', () => {
  const text = fc.string({ unit: 'binary', maxLength: 40 });
  /** What the writer keeps: no NUL, line breaks as one space. */
  const asWritten = (value: string): string => value.replace(/\0/g, '').replace(/[\r\n]+/g, ' ');

  it("Pigeon's entry reads back with its names, in the block and the legacy fields", () => {
    fc.assert(
      fc.property(text, text, (nickname, group) => {
        const extra = buildEntryExtra({ nickname, group, user: 'u:1', host: 'h' }, 'utf8');
        const command = makeCommand(Mode.BR_ENTRY, Opt.UTF8OPT | Opt.CAPUTF8OPT);
        const info = parseEntryExtra(extra, command, 'gb18030', { version: '1_pigeon 0.1.0' });
        expect([info.nickname, info.group]).toEqual([asWritten(nickname), asWritten(group)]);
        expect(info.block).toMatchObject({ user: 'u;1', host: 'h' });
        const legacy = parseEntryExtra(extra, makeCommand(Mode.BR_ENTRY), 'gb18030');
        expect([legacy.nickname, legacy.group]).toEqual([asWritten(nickname), asWritten(group)]);
      }),
      { numRuns: 500 },
    );
  });

  it('every entry of the corpus is read with a nickname, and mutations of them never throw', () => {
    const entries = corpusFiles('packets').flatMap((bytes) => {
      const result = decodePacket(bytes);
      return result.ok && ENTRY_MODES.has(result.packet.mode) ? [result.packet] : [];
    });
    expect(entries.length).toBeGreaterThanOrEqual(6);
    for (const p of entries) {
      expect(parseEntryExtra(p.extra, p.command, 'gb18030', p).nickname).not.toBe('');
    }
    fc.assert(
      fc.property(
        fc.constantFrom(...entries),
        fc.nat(),
        fc.uint8Array({ maxLength: 6 }),
        (p, at, bytes) => {
          const cut = at % (p.extra.length + 1);
          const extra = Buffer.concat([p.extra.subarray(0, cut), bytes, p.extra.subarray(cut)]);
          const info = parseEntryExtra(extra, p.command, 'gb18030', p);
          expect(info.nickname.length).toBeLessThanOrEqual(extra.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('PacketNumberer', () => {
  const clockMs = fc.oneof(
    fc.integer({ min: 0, max: 2 ** 33 * 1000 }),
    fc.constantFrom(Number.NaN, -1, Number.POSITIVE_INFINITY, 1_700_000_000_000),
  );

  it('sends a uint32 other than 0, whatever the clock does, across the 2^32 wrap too', () => {
    fc.assert(
      fc.property(fc.array(clockMs, { minLength: 1, maxLength: 200 }), fc.nat(), (times, floor) => {
        let i = 0;
        const numbers = new PacketNumberer(() => times[i++ % times.length] as number, floor);
        for (let n = 0; n < times.length; n++) {
          const next = numbers.next();
          expect(Number.isInteger(next) && next > 0 && next <= 0xffffffff).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never repeats a number before the counter wraps (a clock gone wrong included)', () => {
    const belowWrap = fc.oneof(
      fc.integer({ min: 0, max: 4_000_000_000 * 1000 }),
      fc.constantFrom(Number.NaN, -1, Number.POSITIVE_INFINITY),
    );
    fc.assert(
      fc.property(
        fc.array(belowWrap, { minLength: 1, maxLength: 200 }),
        fc.nat(),
        (times, floor) => {
          let i = 0;
          const numbers = new PacketNumberer(() => times[i++ % times.length] as number, floor);
          const seen = new Set<number>();
          for (let n = 0; n < times.length; n++) {
            const next = numbers.next();
            expect(seen.has(next)).toBe(false);
            seen.add(next);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rises strictly while the clock stays below 2^32 seconds, and starts above the floor', () => {
    const ms = fc.integer({ min: 0, max: 4_000_000_000 * 1000 });
    fc.assert(
      fc.property(
        fc.array(ms, { minLength: 1, maxLength: 100 }),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        (times, floor) => {
          let i = 0;
          const numbers = new PacketNumberer(() => times[i++ % times.length] as number, floor);
          let last = floor;
          for (let n = 0; n < times.length; n++) {
            const next = numbers.next();
            expect(next).toBeGreaterThan(last);
            last = next;
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
