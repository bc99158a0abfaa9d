import { describe, expect, it } from 'vitest';
import { AnswerBudget } from '../../../src-main/core/discovery/answer-budget';
import {
  MAX_PEERS,
  PeerDirectory,
  type PeerRecord,
} from '../../../src-main/core/discovery/peer-directory';
import { createMessengerCore } from '../../../src-main/core/messenger';
import { openStore } from '../../../src-main/core/store';

/** A stranger `u<n>@h` at one address, last seen at `lastSeen`, as the store keeps it. */
const stranger = (n: number, lastSeen: number): PeerRecord => ({
  id: `u${n}@h`,
  user: `u${n}`,
  host: 'h',
  address: '10.0.0.9',
  port: 2425,
  nickname: `u${n}`,
  group: '',
  status: 'offline',
  client: 'pigeon',
  version: '',
  capabilities: 0,
  lastSeen,
});

const sight = (directory: PeerDirectory, n: number, at: number) =>
  directory.upsert({ user: `u${n}`, host: 'h', address: '10.0.0.9', port: 2425, at });

describe('the entry answer budget', () => {
  it('answers an address at most as often as it was heard from', () => {
    const budget = new AnswerBudget(() => 0);
    expect(budget.spend('10.0.0.9')).toBe(false);
    budget.heard('10.0.0.9');
    expect(budget.spend('10.0.0.9')).toBe(true);
    expect(budget.spend('10.0.0.9')).toBe(false);
    // Credit saved up is bounded: a quiet hour does not buy a burst later.
    for (let i = 0; i < 100; i++) budget.heard('10.0.0.9');
    let answers = 0;
    while (budget.spend('10.0.0.9')) answers++;
    expect(answers).toBe(4);
  });

  it('bounds the answers to all addresses together per second', () => {
    let now = 0;
    const budget = new AnswerBudget(() => now, 10);
    const spent = () => {
      let n = 0;
      for (let i = 0; i < 50; i++) {
        budget.heard(`10.0.1.${i}`);
        if (budget.spend(`10.0.1.${i}`)) n++;
      }
      return n;
    };
    expect(spent()).toBe(10);
    now = 1000;
    expect(spent()).toBe(10);
  });
});

describe('a bounded peer directory', () => {
  it('forgets the longest-unseen strangers beyond the cap, never a peer with a conversation', () => {
    const evicted: string[] = [];
    const directory = new PeerDirectory({
      maxPeers: 10,
      keep: (id) => id === 'u0@h',
      onEvict: (peers) => evicted.push(...peers.map((peer) => peer.id)),
    });
    for (let n = 0; n < 100; n++) sight(directory, n, 1000 + n);
    const ids = directory.all().map((p) => p.id);
    expect(ids.length).toBeLessThanOrEqual(11);
    expect(ids).toContain('u0@h');
    expect(ids).toContain('u99@h');
    expect(evicted).not.toContain('u0@h');
    expect(evicted).toContain('u1@h');
    expect(directory.get('u1@h')).toBeUndefined();
  });

  it('restores only the freshest strangers, with every peer that has a conversation', () => {
    const records = Array.from({ length: 50 }, (_, n) => stranger(n, n));
    const forgotten: string[] = [];
    const directory = new PeerDirectory({
      maxPeers: 5,
      keep: (id) => id === 'u3@h',
      onEvict: (peers) => forgotten.push(...peers.map((peer) => peer.id)),
    });
    directory.restore(records);
    expect(
      directory
        .all()
        .map((p) => p.id)
        .sort(),
    ).toEqual(['u3@h', 'u45@h', 'u46@h', 'u47@h', 'u48@h', 'u49@h']);
    expect(forgotten).toHaveLength(44);
  });
});

describe('remembered peers after a restart', () => {
  it('are only those with a conversation or a remark: strangers leave memory and the store', () => {
    const store = openStore(':memory:');
    store.peers.upsertMany(
      Array.from({ length: MAX_PEERS + 500 }, (_, n) => stranger(n, 10_000 + n)),
    );
    store.conversations.ensure('u0@h');
    store.remarks.set('u7@h', 'Seven');
    const core = createMessengerCore({ nickname: 'Me', port: 2499, broadcast: false }, store);
    expect(
      core
        .snapshot()
        .peers.map((p) => p.id)
        .sort(),
    ).toEqual(['u0@h', 'u7@h']);
    expect(
      store.peers
        .all()
        .map((p) => p.id)
        .sort(),
    ).toEqual(['u0@h', 'u7@h']);
    store.close();
  });
});
