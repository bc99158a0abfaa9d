// IP Messenger names a peer by `user@host` and nothing proves it: any host can write
// "I am bob@bobbox". A packet that claims a known peer from another address therefore
// never moves the peer by itself. Pigeon asks the old address first: if it still
// answers as that peer, the newcomer is an impostor and gets a contact of its own,
// marked unverified; if it stays silent, the peer really moved (a DHCP renewal) and the
// move happens, told in its chat. Receipts and presence (RECVMSG, READMSG, ANSREADMSG,
// BR_EXIT, typing) count only from the peer's current address. For a Pigeon whose key
// is known the key decides instead (`vouch`, keys/key-book.ts): a fresh entry signed by
// it moves the contact at once, an unsigned one is an impostor's, and a message from the
// new address waits while the claimant is asked for a signed entry.
import { addBounded } from '../bounded';
import { Mode, modeOf } from '../ipmsg/commands';
import type { Packet } from '../ipmsg/packet';
import type { Endpoint } from '../net/endpoint';
import type { ClaimVerdict } from '../keys/key-book';
import { peerIdOf, type PeerDirectory, type PeerRecord } from './peer-directory';

/** Modes that may carry a peer to a new address (after the probe): entries and messages. */
const CLAIMING = new Set<number>([Mode.BR_ENTRY, Mode.ANSENTRY, Mode.BR_ABSENCE, Mode.SENDMSG]);
/** Questions answered to whoever asks, and answers to nothing: harmless from anywhere. */
const HARMLESS = new Set<number>([
  Mode.NOOPERATION,
  Mode.GETINFO,
  Mode.GETABSENCEINFO,
  Mode.SENDINFO,
  Mode.SENDABSENCEINFO,
]);

/** Packets held per claim while the old address is asked, and claims open at once. */
const MAX_HELD = 32;
const MAX_CLAIMS = 64;
/** Impostor addresses remembered; past it the oldest is forgotten (and asked about again). */
const MAX_IMPOSTORS = 1024;

export interface AddressClaimsDeps {
  directory: PeerDirectory;
  /** Ask an address who is there (a unicast BR_ENTRY). */
  probe: (to: Endpoint & { capabilities?: number }) => void;
  /** Hand an admitted packet to its owner (held packets, once the claim is decided). */
  route: (packet: Packet, from: Endpoint) => void;
  /** The old address stayed silent: the peer moved; `peer` has its new address. */
  moved: (peer: PeerRecord, previous: Endpoint) => void;
  /** The old address answered: someone at `at` claims to be `peer`. */
  impostor: (peer: PeerRecord, at: Endpoint, impostorId: string) => void;
  /** What the peer's keys say of a claim; without it every claim asks the old address. */
  vouch?: (packet: Packet, peerId: string) => ClaimVerdict;
  /** How long the old address (or a keyed claimant) has to answer. */
  probeMs: number;
  now?: () => number;
}

interface Claim {
  peerId: string;
  previous: Endpoint;
  claimant: Endpoint;
  /** Who is asked: the old address (silence moves), or the claimant (silence unmasks). */
  asked: 'previous' | 'claimant';
  held: { packet: Packet; from: Endpoint }[];
  timer: NodeJS.Timeout;
}

/** What becomes of a packet: routed (perhaps relabelled to an impostor), or not now. */
export type Admission = { route: Packet } | { hold: true } | { refuse: true };

// A machine is its address: a peer that answers from another port of the same address
// (a second socket, a restart on another port) is the same machine, never an impostor.
const sameAddress = (a: Endpoint, b: Endpoint): boolean => a.address === b.address;

/** The host name an impostor's own contact carries: the claimed one and where it spoke from. */
export const impostorHost = (host: string, at: Endpoint): string => `${host}~${at.address}`;

export class AddressClaims {
  private readonly claims = new Map<string, Claim>();
  /** `peerId|address` of newcomers found to be impostors. */
  private readonly impostors = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly deps: AddressClaimsDeps) {
    this.now = deps.now ?? Date.now;
  }

  admit(packet: Packet, from: Endpoint): Admission {
    const mode = modeOf(packet.command);
    if (HARMLESS.has(mode)) return { route: packet };
    const peerId = peerIdOf(packet.user, packet.host);
    const known = this.deps.directory.get(peerId);
    if (this.impostors.has(`${peerId}|${from.address}`)) {
      return { route: { ...packet, host: impostorHost(packet.host, from) } };
    }
    if (!known || sameAddress(known, from)) {
      const claim = this.claims.get(peerId);
      // The old address answered while a newcomer claims its name: the newcomer lies.
      if (claim && known && sameAddress(claim.previous, from)) this.unmask(claim);
      return { route: packet };
    }
    if (!CLAIMING.has(mode)) return { refuse: true };
    const verdict = this.deps.vouch?.(packet, peerId) ?? 'ask';
    const pending = this.claims.get(peerId);
    const held = pending && sameAddress(pending.claimant, from) ? pending : undefined;
    if (verdict === 'moves') {
      if (held) this.close(held);
      this.move(peerId, from, { address: known.address, port: known.port }, held?.held ?? []);
      return { route: packet };
    }
    if (verdict === 'impostor') {
      if (held) this.close(held);
      this.unmaskAt(peerId, from, [...(held?.held ?? []), { packet, from }]);
      return { hold: true };
    }
    return this.hold(known, packet, from, verdict === 'prove' ? 'claimant' : 'previous');
  }

  /** Stop every pending probe (shutdown); held packets are dropped unanswered. */
  stop(): void {
    for (const claim of this.claims.values()) clearTimeout(claim.timer);
    this.claims.clear();
  }

  private hold(
    known: PeerRecord,
    packet: Packet,
    from: Endpoint,
    asked: Claim['asked'],
  ): Admission {
    const existing = this.claims.get(known.id);
    if (existing) {
      // A second newcomer while one is being checked: it waits for its own turn.
      if (!sameAddress(existing.claimant, from)) return { refuse: true };
      if (existing.held.length < MAX_HELD) existing.held.push({ packet, from });
      return { hold: true };
    }
    if (this.claims.size >= MAX_CLAIMS) return { refuse: true };
    const previous = { address: known.address, port: known.port };
    const claim: Claim = {
      peerId: known.id,
      previous,
      claimant: { ...from },
      asked,
      held: [{ packet, from }],
      timer: setTimeout(() => this.settle(claim), this.deps.probeMs),
    };
    claim.timer.unref();
    this.claims.set(known.id, claim);
    const capabilities = known.capabilities;
    const target = asked === 'previous' ? previous : claim.claimant;
    this.deps.probe({ ...target, capabilities });
    // A second probe half-way: one lost datagram must not decide the claim.
    const again = setTimeout(() => {
      if (this.claims.get(known.id) === claim) this.deps.probe({ ...target, capabilities });
    }, this.deps.probeMs / 2);
    again.unref();
    return { hold: true };
  }

  /** No answer in time: the old address is gone (the peer moved), or a keyed claimant could not sign. */
  private settle(claim: Claim): void {
    if (this.claims.get(claim.peerId) !== claim) return;
    this.claims.delete(claim.peerId);
    if (claim.asked === 'claimant') this.unmaskAt(claim.peerId, claim.claimant, claim.held);
    else this.move(claim.peerId, claim.claimant, claim.previous, claim.held);
  }

  private close(claim: Claim): void {
    clearTimeout(claim.timer);
    this.claims.delete(claim.peerId);
  }

  private move(peerId: string, to: Endpoint, previous: Endpoint, held: Claim['held']): void {
    const before = this.deps.directory.get(peerId);
    if (!before) return;
    const { peer } = this.deps.directory.upsert({
      user: before.user,
      host: before.host,
      address: to.address,
      port: to.port,
      at: this.now(),
    });
    this.deps.moved(peer, previous);
    this.replay(held);
  }

  /** The old address still answers as the peer: the claimant is someone else. */
  private unmask(claim: Claim): void {
    this.close(claim);
    this.unmaskAt(claim.peerId, claim.claimant, claim.held);
  }

  private unmaskAt(peerId: string, claimant: Endpoint, held: Claim['held']): void {
    const real = this.deps.directory.get(peerId);
    if (!real) return;
    addBounded(this.impostors, `${peerId}|${claimant.address}`, MAX_IMPOSTORS);
    const impostorId = peerIdOf(real.user, impostorHost(real.host, claimant));
    const { peer: impostor } = this.deps.directory.upsert({
      user: real.user,
      host: impostorHost(real.host, claimant),
      address: claimant.address,
      port: claimant.port,
      nickname: real.nickname,
      at: this.now(),
    });
    impostor.unverified = true;
    this.deps.impostor(real, claimant, impostorId);
    this.replay(held);
  }

  /** The held packets, admitted again now that the claim is decided. */
  private replay(held: Claim['held']): void {
    for (const { packet, from } of held) {
      try {
        const admission = this.admit(packet, from);
        if ('route' in admission) this.deps.route(admission.route, from);
      } catch {
        // Runs on a timer: one bad packet must not end the process.
      }
    }
  }
}
