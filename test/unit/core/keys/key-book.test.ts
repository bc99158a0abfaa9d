import { describe, expect, it } from 'vitest';
import { Mode, Opt } from '../../../../src-main/core/ipmsg/commands';
import { buildEntryExtra } from '../../../../src-main/core/ipmsg/entry';
import type { Packet } from '../../../../src-main/core/ipmsg/packet';
import { generateIdentity, type Identity } from '../../../../src-main/core/keys/identity';
import { ENTRY_FRESH_MS, KeyBook } from '../../../../src-main/core/keys/key-book';
import { entryKeyLines } from '../../../../src-main/core/keys/signed-entry';
import { openStore } from '../../../../src-main/core/store';

const BOB = 'bob@bobbox';
let clock = 1_800_000_000_000;

function entry(
  identity: Identity | undefined,
  at = clock,
  mode = Mode.BR_ENTRY,
  header = { user: 'bob', host: 'bobbox' },
): Packet {
  const keyLines = identity ? entryKeyLines(identity, header, at) : undefined;
  const extra = buildEntryExtra({ nickname: 'Bob', group: '', ...header }, 'utf8', {
    utf8Block: false,
    keyLines,
  });
  const command = mode | Opt.CAPUTF8OPT;
  return { version: '1', packetNo: 1, ...header, command, mode, options: 0, extra };
}

function setup() {
  const store = openStore(':memory:');
  const changed: string[] = [];
  const book = new KeyBook({
    repo: store.peerKeys,
    identity: generateIdentity(),
    keyChanged: (peerId) => changed.push(peerId),
    now: () => clock,
  });
  return { book, changed, store };
}

describe('KeyBook', () => {
  it('remembers the first key, keeps it across a restart, and holds a different one', () => {
    const { book, changed, store } = setup();
    const bob = generateIdentity();
    book.noteEntry(entry(bob), BOB);
    expect(book.accepted(BOB)?.signing.equals(bob.publicKeys.signing)).toBe(true);
    expect(changed).toEqual([]);
    const again = new KeyBook({
      repo: store.peerKeys,
      identity: generateIdentity(),
      keyChanged: () => {},
    });
    expect(again.accepted(BOB)?.signing.equals(bob.publicKeys.signing)).toBe(true);

    const other = generateIdentity();
    book.noteEntry(entry(other, ++clock), BOB);
    book.noteEntry(entry(other, ++clock), BOB);
    expect(changed).toEqual([BOB]);
    expect(book.awaitsAcceptance(BOB)).toBe(true);
    expect(book.accepted(BOB)?.signing.equals(bob.publicKeys.signing)).toBe(true);

    expect(book.acceptNewKey(BOB)).toBe(true);
    expect(book.awaitsAcceptance(BOB)).toBe(false);
    expect(book.accepted(BOB)?.signing.equals(other.publicKeys.signing)).toBe(true);
  });

  it('ignores unsigned and forged entries', () => {
    const { book } = setup();
    book.noteEntry(entry(undefined), BOB);
    expect(book.accepted(BOB)).toBeUndefined();
    const forged = entry(generateIdentity());
    forged.user = 'bob';
    forged.extra = Buffer.from(forged.extra.toString('latin1').replace('KT:1', 'KT:2'), 'latin1');
    book.noteEntry(forged, BOB);
    expect(book.accepted(BOB)).toBeUndefined();
  });

  it('lets a fresh entry signed by the known key move the contact, and nothing else', () => {
    const { book } = setup();
    const bob = generateIdentity();
    expect(book.vouch(entry(bob), BOB)).toBe('ask');
    book.noteEntry(entry(bob, clock), BOB);
    expect(book.vouch(entry(undefined), BOB)).toBe('impostor');
    expect(book.vouch(entry(generateIdentity(), clock + 5), BOB)).toBe('impostor');
    // Replayed: not newer than the newest entry seen.
    expect(book.vouch(entry(bob, clock), BOB)).toBe('impostor');
    expect(book.vouch(entry(bob, clock + ENTRY_FRESH_MS + 10), BOB)).toBe('prove');
    expect(book.vouch(entry(bob, clock + 10), BOB)).toBe('moves');
    expect(book.vouch(entry(bob, clock + 10), BOB)).toBe('impostor');
    const message = { ...entry(undefined), command: Mode.SENDMSG, mode: Mode.SENDMSG };
    expect(book.vouch(message, BOB)).toBe('prove');
  });

  it('past its bound forgets only the peer stamped longest ago, so replays stay refused', () => {
    const { book } = setup();
    const key = generateIdentity();
    // Peers whose newest entry time is remembered at most: 4,096 (MAX_STAMPS); one more.
    const peer = (n: number) => ({ user: `p${n}`, host: 'pc' });
    for (let n = 0; n <= 4096; n += 1)
      book.noteEntry(entry(key, clock, undefined, peer(n)), `p${n}@pc`);
    expect(book.vouch(entry(key, clock, undefined, peer(1)), 'p1@pc')).toBe('impostor');
    // Only the oldest stamp is gone: its replay is judged by freshness alone.
    expect(book.vouch(entry(key, clock, undefined, peer(0)), 'p0@pc')).toBe('moves');
  });

  it('marks a contact verified and forgets that when its key is replaced', () => {
    const { book, store } = setup();
    book.noteEntry(entry(generateIdentity()), BOB);
    expect(book.setVerified(BOB, true)).toBe(true);
    expect(store.peerKeys.get(BOB)?.verified).toBe(true);
    book.noteEntry(entry(generateIdentity(), ++clock), BOB);
    book.acceptNewKey(BOB);
    expect(store.peerKeys.get(BOB)?.verified).toBe(false);
    expect(book.setVerified('nobody@x', true)).toBe(false);
  });
});

describe('a clear goodbye from a sealing Pigeon (KeyBook.freshlySigned)', () => {
  const exit = (identity: Identity, at: number) => ({
    ...entry(identity, at),
    command: Mode.BR_EXIT | Opt.CAPUTF8OPT,
    mode: Mode.BR_EXIT,
  });

  it('counts once when signed by the accepted key at a time close to ours', () => {
    const { book } = setup();
    const bob = generateIdentity();
    book.noteEntry(entry(bob, clock), BOB);
    expect(book.freshlySigned(exit(bob, clock + 1), BOB)).toBe(true);
    // The same lines again (a replay), an older time, another key, an old time: refused.
    expect(book.freshlySigned(exit(bob, clock + 1), BOB)).toBe(false);
    expect(book.freshlySigned(exit(bob, clock), BOB)).toBe(false);
    expect(book.freshlySigned(exit(generateIdentity(), clock + 2), BOB)).toBe(false);
    expect(book.freshlySigned(exit(bob, clock - 10 * 60_000), BOB)).toBe(false);
    expect(book.freshlySigned(exit(bob, clock + 3), 'carol@cbox')).toBe(false);
  });
});
