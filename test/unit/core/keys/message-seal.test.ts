import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Mode } from '../../../../src-main/core/ipmsg/commands';
import {
  directionKey,
  openBody,
  readEnvelope,
  sealExtra,
} from '../../../../src-main/core/keys/message-seal';
import { ALICE, BOB, aliceFixed, bobFixed, message, pair, seeded } from './seal-fixtures';

const raw = (key: ReturnType<typeof seeded>) =>
  Buffer.from(createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32));

// Computed by Python's `cryptography` (X25519, HKDF-SHA256, AESGCM) from the same seeds:
// an independent implementation of the format described in message-seal.ts.
const GOLDEN = {
  aliceSession: '7b4e909bbe7ffe44c465a220037d608ee35897d31ef972f07f74892cb0f73f13',
  bobSession: '7b0d47d93427f8311160781c7c733fd89f88970aef490d8aa0ee19a4cb8a1b14',
  key: '36f4e55f62d3132562a59c2f42d20d160463797a4f0ec076df60cd6c063cd049',
  extra:
    'PS1:AXtOkJu-f_5ExGWiIAN9YI7jWJfTHvly8H90iSyw9z8Tew1H2TQn-DERYHgcfHM_2J-IlwrvSQ2KoO4ZpMuKGxQAAAAAAAAAAZmiXXjCldWfheg8T1wdthZIlw248nMNWPmjkwEf',
};

describe('the sealed packet format (golden vectors)', () => {
  const alice = aliceFixed();
  const bob = bobFixed();
  const aliceSession = seeded('x25519', 0x11);
  const bobSession = seeded('x25519', 0x33);
  const direction = {
    senderSigning: alice.publicKeys.signing,
    recipientSigning: bob.publicKeys.signing,
    senderSession: raw(aliceSession),
    recipientSession: raw(bobSession),
  };

  it('derives the same direction key on both sides, as the reference does', () => {
    expect(direction.senderSession.toString('hex')).toBe(GOLDEN.aliceSession);
    expect(direction.recipientSession.toString('hex')).toBe(GOLDEN.bobSession);
    const sender = directionKey(
      aliceSession,
      direction.recipientSession,
      alice.agreementKey,
      bob.publicKeys.agreement,
      direction,
    );
    const recipient = directionKey(
      bobSession,
      direction.senderSession,
      bob.agreementKey,
      alice.publicKeys.agreement,
      direction,
    );
    expect(sender.toString('hex')).toBe(GOLDEN.key);
    expect(recipient.toString('hex')).toBe(GOLDEN.key);
  });

  it('writes the envelope byte for byte, and opens it back', () => {
    const key = Buffer.from(GOLDEN.key, 'hex');
    const packet = message('hello 你好');
    const head = {
      senderSession: direction.senderSession,
      recipientSession: direction.recipientSession,
      seq: 1n,
    };
    const extra = sealExtra(key, packet, head, packet.extra);
    expect(extra.toString('latin1')).toBe(GOLDEN.extra);
    const envelope = readEnvelope(extra);
    expect(envelope?.head.seq).toBe(1n);
    expect(openBody(key, packet, head, envelope?.body ?? Buffer.alloc(0))?.toString()).toBe(
      'hello 你好\0',
    );
  });

  it('refuses a low-order session key instead of deriving from it', () => {
    expect(() =>
      directionKey(
        aliceSession,
        Buffer.alloc(32),
        alice.agreementKey,
        bob.publicKeys.agreement,
        direction,
      ),
    ).toThrow();
  });
});

describe('sealing between two keyed Pigeons', () => {
  it('hides the text and gives it back to the recipient only', () => {
    const { alice, bob } = pair();
    const sent = alice.seals.seal(message('秘密 secret'), BOB);
    expect(sent.kind).toBe('sealed');
    if (sent.kind !== 'sealed') return;
    expect(sent.extra.toString('latin1')).not.toContain('secret');
    const opened = bob.seals.open({ ...message(''), extra: sent.extra }, ALICE);
    expect(opened.kind).toBe('opened');
    if (opened.kind === 'opened') expect(opened.packet.extra.toString()).toBe('秘密 secret\0');
    // Alice cannot open her own packet as if Bob had sent it.
    expect(alice.seals.open({ ...message('', 1234, BOB), extra: sent.extra }, BOB).kind).toBe(
      'refused',
    );
  });

  it('refuses clear receipts, presence and messages claiming a sealing Pigeon', () => {
    const { bob } = pair();
    for (const mode of [Mode.SENDMSG, Mode.RECVMSG, Mode.READMSG, Mode.ANSREADMSG, Mode.BR_EXIT]) {
      const forged = { ...message('1234'), command: mode, mode };
      expect(bob.seals.open(forged, ALICE).kind).toBe('refused');
    }
    // Entries stay clear: they carry the keys.
    const entry = { ...message('alice'), command: Mode.ANSENTRY, mode: Mode.ANSENTRY };
    expect(bob.seals.open(entry, ALICE).kind).toBe('plain');
  });

  it('leaves a peer without a session key (an older Pigeon, another client) in the clear', () => {
    const { alice } = pair();
    expect(alice.seals.seal(message('hi', 1, ALICE), 'carol@cbox').kind).toBe('plain');
    expect(alice.seals.open(message('hi', 1, 'carol@cbox'), 'carol@cbox').kind).toBe('plain');
  });

  it('holds packets to a peer whose key changed until the user accepts it', () => {
    const { alice } = pair();
    alice.pending.add(BOB);
    expect(alice.seals.seal(message('hi'), BOB).kind).toBe('held');
  });

  it('keeps opening packets sealed to the replaced session for a while after rekeying', () => {
    let now = 1_800_000_000_000;
    const { alice, bob } = pair(() => now);
    const sent = alice.seals.seal(message('before'), BOB);
    now += 60 * 60_000 + 1;
    const fresh = bob.seals.ownSession();
    if (sent.kind !== 'sealed') throw new Error('not sealed');
    expect(bob.seals.open({ ...message(''), extra: sent.extra }, ALICE).kind).toBe('opened');
    const late = alice.seals.seal(message('late', 1235), BOB);
    now += 10 * 60_000;
    expect(bob.seals.ownSession()).toEqual(fresh);
    if (late.kind !== 'sealed') throw new Error('not sealed');
    const refused = bob.seals.open({ ...message('', 1235), extra: late.extra }, ALICE);
    expect(refused).toMatchObject({ kind: 'refused', unknownSession: true });
  });

  it("seals to a peer's new session once heard, and opens both sessions while they overlap", () => {
    let now = 1_800_000_000_000;
    const { alice, bob } = pair(() => now);
    const sealed = (text: string, packetNo: number) => {
      const outcome = alice.seals.seal(message(text, packetNo), BOB);
      if (outcome.kind !== 'sealed') throw new Error('not sealed');
      return { ...message('', packetNo), extra: outcome.extra };
    };
    const opened = (packet: ReturnType<typeof sealed>) => {
      const outcome = bob.seals.open(packet, ALICE);
      return outcome.kind === 'opened' ? outcome.packet.extra.toString('utf8') : outcome.kind;
    };
    const old = [sealed('one', 1), sealed('two', 2)];
    expect(opened(old[0]!)).toBe('one\0');
    now += 60 * 60_000 + 1;
    alice.seals.heardSession(BOB, bob.seals.ownSession().toString('base64url'));
    const fresh = [sealed('three', 3), sealed('four', 4)];
    // Bob's previous session, then his new one: each with its own key.
    expect(opened(old[1]!)).toBe('two\0');
    expect(opened(fresh[0]!)).toBe('three\0');
    expect(opened(fresh[1]!)).toBe('four\0');
    expect(fresh[0]!.extra.equals(old[0]!.extra)).toBe(false);
  });
});
