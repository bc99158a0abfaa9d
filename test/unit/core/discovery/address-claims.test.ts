import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AddressClaims } from '../../../../src-main/core/discovery/address-claims';
import { PeerDirectory, type PeerRecord } from '../../../../src-main/core/discovery/peer-directory';
import type { Packet } from '../../../../src-main/core/ipmsg/packet';
import type { Endpoint } from '../../../../src-main/core/net/endpoint';

const BOB = { address: '10.0.0.2', port: 2425 };
const NEWCOMER = { address: '10.0.0.66', port: 2425 };

function packet(mode: number, user = 'bob', host = 'bobbox'): Packet {
  return {
    version: '1',
    packetNo: 1,
    user,
    host,
    command: mode,
    mode,
    options: 0,
    extra: Buffer.alloc(0),
  };
}

function setup() {
  const directory = new PeerDirectory();
  directory.upsert({ user: 'bob', host: 'bobbox', ...BOB, nickname: 'Bob', at: 0 });
  const probes: Endpoint[] = [];
  const routed: { packet: Packet; from: Endpoint }[] = [];
  const moved: { peer: PeerRecord; previous: Endpoint }[] = [];
  const impostors: { peer: PeerRecord; at: Endpoint; impostorId: string }[] = [];
  const claims = new AddressClaims({
    directory,
    probeMs: 1000,
    probe: (to) => probes.push({ address: to.address, port: to.port }),
    route: (p, from) => routed.push({ packet: p, from }),
    moved: (peer, previous) => moved.push({ peer, previous }),
    impostor: (peer, at, impostorId) => impostors.push({ peer, at, impostorId }),
  });
  return { directory, claims, probes, routed, moved, impostors };
}

describe('AddressClaims', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('routes packets from the peer’s own address and from strangers at once', () => {
    const { claims } = setup();
    expect(claims.admit(packet(0x20), BOB)).toEqual({ route: packet(0x20) });
    expect(claims.admit(packet(0x20, 'carol', 'c'), NEWCOMER)).toEqual({
      route: packet(0x20, 'carol', 'c'),
    });
  });

  it('refuses receipts, reads, exits and typing for a peer from another address', () => {
    const { claims, probes } = setup();
    for (const mode of [0x21, 0x30, 0x32, 0x02, 0x79, 0x61]) {
      expect(claims.admit(packet(mode), NEWCOMER)).toEqual({ refuse: true });
    }
    expect(probes).toEqual([]);
  });

  it('holds a claim, probes the old address twice, and moves the peer when it stays silent', () => {
    const { directory, claims, probes, routed, moved } = setup();
    expect(claims.admit(packet(0x20), NEWCOMER)).toEqual({ hold: true });
    expect(claims.admit(packet(0x03), NEWCOMER)).toEqual({ hold: true });
    expect(directory.get('bob@bobbox')?.address).toBe(BOB.address);
    vi.advanceTimersByTime(999);
    expect(probes).toEqual([BOB, BOB]);
    expect(moved).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(directory.get('bob@bobbox')?.address).toBe(NEWCOMER.address);
    expect(moved[0]?.previous).toEqual(BOB);
    expect(routed.map((r) => r.packet.mode)).toEqual([0x20, 0x03]);
  });

  it('unmasks the newcomer when the old address answers, and keeps it apart from then on', () => {
    const { directory, claims, routed, impostors } = setup();
    claims.admit(packet(0x20), NEWCOMER);
    // Bob answers the probe from his own address.
    expect(claims.admit(packet(0x03), BOB)).toEqual({ route: packet(0x03) });
    expect(impostors).toHaveLength(1);
    expect(impostors[0]).toMatchObject({ at: NEWCOMER, impostorId: 'bob@bobbox~10.0.0.66' });
    expect(routed[0]?.packet.host).toBe('bobbox~10.0.0.66');
    expect(directory.get('bob@bobbox~10.0.0.66')).toMatchObject({
      unverified: true,
      nickname: 'Bob',
    });
    vi.advanceTimersByTime(5000);
    expect(directory.get('bob@bobbox')?.address).toBe(BOB.address);
    const later = claims.admit(packet(0x21), NEWCOMER);
    expect(later).toEqual({ route: { ...packet(0x21), host: 'bobbox~10.0.0.66' } });
  });

  it('lets one claimant at a time wait, and holds a bounded number of its packets', () => {
    const { claims, routed } = setup();
    claims.admit(packet(0x20), NEWCOMER);
    expect(claims.admit(packet(0x20), { address: '10.0.0.77', port: 2425 })).toEqual({
      refuse: true,
    });
    for (let i = 0; i < 100; i += 1) claims.admit(packet(0x20), NEWCOMER);
    vi.advanceTimersByTime(1000);
    expect(routed).toHaveLength(32);
  });

  it('forgets pending claims on stop', () => {
    const { claims, moved } = setup();
    claims.admit(packet(0x20), NEWCOMER);
    claims.stop();
    vi.advanceTimersByTime(5000);
    expect(moved).toEqual([]);
  });
});

describe('an impostor’s contact after a restart', () => {
  it('is restored marked unverified; a host that merely contains ~ is not', () => {
    const directory = new PeerDirectory();
    const base = {
      user: 'bob',
      nickname: 'Bob',
      group: '',
      port: 2425,
      status: 'online' as const,
      client: 'ipmsg' as const,
      version: '1',
      capabilities: 0,
      lastSeen: 1,
    };
    directory.restore([
      { ...base, id: 'bob@bobbox~10.0.0.66', host: 'bobbox~10.0.0.66', address: '10.0.0.66' },
      { ...base, id: 'bob@odd~name', host: 'odd~name', address: '10.0.0.7' },
    ]);
    expect(directory.get('bob@bobbox~10.0.0.66')?.unverified).toBe(true);
    expect(directory.get('bob@odd~name')?.unverified).toBeUndefined();
  });
});

describe('a peer speaking from another port of its own address', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is the same machine: routed at once, no probe, no warning', () => {
    const { claims, probes, impostors } = setup();
    const otherPort = { address: BOB.address, port: 40000 };
    expect(claims.admit(packet(0x20), otherPort)).toEqual({ route: packet(0x20) });
    expect(claims.admit(packet(0x21), otherPort)).toEqual({ route: packet(0x21) });
    vi.advanceTimersByTime(5000);
    expect(probes).toEqual([]);
    expect(impostors).toEqual([]);
  });
});

describe('AddressClaims for a peer with a known key', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function keyed(verdict: 'moves' | 'impostor' | 'prove') {
    const parts = setup();
    const claims = new AddressClaims({
      directory: parts.directory,
      probeMs: 1000,
      vouch: () => verdict,
      probe: (to) => parts.probes.push({ address: to.address, port: to.port }),
      route: (p, from) => parts.routed.push({ packet: p, from }),
      moved: (peer, previous) => parts.moved.push({ peer, previous }),
      impostor: (peer, at, impostorId) => parts.impostors.push({ peer, at, impostorId }),
    });
    return { ...parts, claims };
  }

  it('moves at once on a signed entry: no probe of the old address', () => {
    const { claims, probes, moved, directory } = keyed('moves');
    expect(claims.admit(packet(0x03), NEWCOMER)).toEqual({ route: packet(0x03) });
    expect(probes).toEqual([]);
    expect(moved).toHaveLength(1);
    expect(directory.get('bob@bobbox')?.address).toBe(NEWCOMER.address);
  });

  it('unmasks an unsigned claim at once, even while the old address is silent', () => {
    const { claims, probes, impostors, routed, directory } = keyed('impostor');
    expect(claims.admit(packet(0x01), NEWCOMER)).toEqual({ hold: true });
    expect(probes).toEqual([]);
    expect(impostors.map((i) => i.impostorId)).toEqual(['bob@bobbox~10.0.0.66']);
    expect(routed[0]?.packet.host).toBe('bobbox~10.0.0.66');
    expect(directory.get('bob@bobbox')?.address).toBe(BOB.address);
  });

  it('past its bound forgets only the oldest impostor, not all of them', () => {
    const { claims } = keyed('impostor');
    // Impostor addresses remembered at most: 1,024 (MAX_IMPOSTORS); one more is claimed.
    const at = (n: number) => ({ address: `10.1.${n >> 8}.${n & 255}`, port: 2425 });
    for (let n = 0; n <= 1024; n += 1) claims.admit(packet(0x20), at(n));
    // Still known: routed at once as the impostor's own contact.
    expect(claims.admit(packet(0x20), at(1))).toEqual({
      route: { ...packet(0x20), host: 'bobbox~10.1.0.1' },
    });
    // Forgotten: judged again (and unmasked again, as the key says).
    expect(claims.admit(packet(0x20), at(0))).toEqual({ hold: true });
  });

  it('asks the claimant for a signed entry; silence makes it an impostor, not a move', () => {
    const { claims, probes, impostors, moved } = keyed('prove');
    expect(claims.admit(packet(0x20), NEWCOMER)).toEqual({ hold: true });
    expect(probes).toEqual([NEWCOMER]);
    vi.advanceTimersByTime(1000);
    expect(moved).toEqual([]);
    expect(impostors).toHaveLength(1);
  });
});
