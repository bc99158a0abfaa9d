// Sealed packets between two Pigeons, as properties: any change to a sealed packet (a byte of
// the envelope, a header field) is refused; a packet accepted once is refused when it comes
// again; after any packet, one sealed earlier is refused (no reordering); the text comes back
// exactly as sent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Packet } from '../../../../src-main/core/ipmsg/packet';
import { ALICE, BOB, message, pair } from '../keys/seal-fixtures';

function sealedBy(seals: ReturnType<typeof pair>['alice']['seals'], packet: Packet): Packet {
  const outcome = seals.seal(packet, BOB);
  if (outcome.kind !== 'sealed') throw new Error(`not sealed: ${outcome.kind}`);
  return { ...packet, extra: outcome.extra };
}

const text = fc.string({ unit: 'grapheme', maxLength: 200 });

describe('sealed packets', () => {
  it('give back exactly the text that was sealed', () => {
    const { alice, bob } = pair();
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 0xffffffff }), (words, packetNo) => {
        const opened = bob.seals.open(sealedBy(alice.seals, message(words, packetNo)), ALICE);
        expect(opened.kind).toBe('opened');
        if (opened.kind === 'opened') expect(opened.packet.extra.toString()).toBe(`${words}\0`);
      }),
    );
  });

  it('refuse any altered byte of the envelope', () => {
    const { alice, bob } = pair();
    fc.assert(
      fc.property(text, fc.nat(), fc.integer({ min: 1, max: 255 }), (words, at, flip) => {
        const sealed = sealedBy(alice.seals, message(words));
        const extra = Buffer.from(sealed.extra);
        const index = 4 + (at % (extra.length - 4));
        extra[index] = (extra[index] ?? 0) ^ flip;
        // Still base64url: a changed letter is a changed byte of the envelope.
        expect(bob.seals.open({ ...sealed, extra }, ALICE).kind).not.toBe('opened');
      }),
    );
  });

  it('refuse a sealed packet moved under another header', () => {
    const fields = fc.oneof(
      fc.record({ packetNo: fc.integer({ min: 1, max: 0xffffffff }) }),
      fc.record({ command: fc.integer({ min: 0, max: 0xffffff }) }),
      fc.record({ version: fc.constantFrom('2', '1_pigeon', '1_lbt6_0#128') }),
      fc.record({ host: fc.string({ minLength: 1, maxLength: 10 }) }),
    );
    const { alice, bob } = pair();
    fc.assert(
      fc.property(text, fields, (words, change) => {
        const sealed = sealedBy(alice.seals, message(words));
        const moved = { ...sealed, ...change };
        fc.pre(JSON.stringify(moved) !== JSON.stringify(sealed));
        expect(bob.seals.open(moved, ALICE).kind).toBe('refused');
      }),
    );
  });

  it('refuse a replayed packet', () => {
    const { alice, bob } = pair();
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), fc.nat(), (texts, pick) => {
        const sealed = texts.map((words, i) => sealedBy(alice.seals, message(words, 100 + i)));
        for (const packet of sealed) expect(bob.seals.open(packet, ALICE).kind).toBe('opened');
        const again = sealed[pick % sealed.length];
        if (again) expect(bob.seals.open(again, ALICE).kind).toBe('refused');
      }),
    );
  });

  it('refuse a packet that comes after one sealed later (reordered)', () => {
    const { alice, bob } = pair();
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 2, maxLength: 8 }),
        fc.nat(),
        fc.nat(),
        (texts, a, b) => {
          const sealed = texts.map((words, i) => sealedBy(alice.seals, message(words, 100 + i)));
          const earlier = Math.min(a % sealed.length, b % sealed.length);
          const later = Math.max(a % sealed.length, b % sealed.length);
          fc.pre(earlier !== later);
          expect(bob.seals.open(sealed[later] as Packet, ALICE).kind).toBe('opened');
          expect(bob.seals.open(sealed[earlier] as Packet, ALICE).kind).toBe('refused');
        },
      ),
    );
  });

  it('refuse a packet sealed for someone else, or claimed by another sender', () => {
    const { alice, bob } = pair();
    const other = pair();
    fc.assert(
      fc.property(text, (words) => {
        const sealed = sealedBy(alice.seals, message(words));
        // Another Bob (other keys) cannot open it, nor can Bob as if another peer had sent it.
        expect(other.bob.seals.open(sealed, ALICE).kind).toBe('refused');
        expect(bob.seals.open(sealed, 'mallory@mbox').kind).not.toBe('opened');
      }),
    );
  });
});
