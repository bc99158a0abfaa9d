import { cleanSignature } from '../../../src-shared/contract';
import { Mode, Opt, hasOption, modeOf } from '../ipmsg/commands';
import { detectClient } from '../ipmsg/client';
import { entryEncoding, parseEntryExtra } from '../ipmsg/entry';
import type { Packet } from '../ipmsg/packet';
import type { LegacyEncoding } from '../ipmsg/text';
import type { MessengerTiming } from '../options';
import { PIGEON_APP_VERSION } from '../version';
import type { Endpoint } from '../net/endpoint';
import type { PacketSender } from '../net/packet-sender';
import { AnswerBudget } from './answer-budget';
import { answerDelayMs } from './answer-delay';
import { EntryAnswers } from './entry-answers';
import { iptuxSignatureExtra, readIptuxSignature } from './iptux-signature';
import {
  absenceOf,
  iptuxCompatible,
  ownEntryCommand,
  ownEntryExtra,
  type EntryReader,
} from './own-entry';
import type { Presence } from './own-entry';
import { PeerDirectory, peerIdOf, type PeerRecord } from './peer-directory';
import { statusOf } from './peer-status';
import { presenceTargets } from './presence-targets';

export type { Presence };

export interface DiscoveryDeps {
  packets: PacketSender;
  directory: PeerDirectory;
  presence: () => Presence;
  /** Where announcements go: broadcast addresses and the explicit host list. */
  targets: () => Endpoint[];
  timing: MessengerTiming;
  legacy: LegacyEncoding;
  onPeer: (peer: PeerRecord) => void;
  /** Any entry packet from a peer: it is there now (outbox delivery hangs on this). */
  onEntry?: (peer: PeerRecord) => void;
  /** Whether we have a conversation with the peer: while invisible, only they hear from us. */
  talksWith?: (peerId: string) => boolean;
  /**
   * A Pigeon's UTF-8 block said which avatar it has (undefined: none). Entries without the
   * block (broadcasts) say nothing about it.
   */
  onAvatar?: (peer: PeerRecord, hash: string | undefined) => void;
  /** Whether our entries offer IP Messenger's encryption (ENCRYPTOPT): once it works. */
  encrypts?: () => boolean;
  /** Pigeon's signed key lines for an entry sent as `header` (keys/signed-entry.ts). */
  keyLines?: (header: { user: string; host: string }) => string;
  now?: () => number;
  random?: () => number;
}

/**
 * Who is on the network: entries answered once each, after a short random delay that
 * grows with the hosts heard (as IPMsg does, so a whole office does not answer in the
 * same millisecond), leaves, periodic re-announce, and age-out of peers that vanished
 * without a word.
 */
export class Discovery {
  private readonly answers = new EntryAnswers();
  private reannounceTimer: NodeJS.Timeout | undefined;
  private ageTimer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly budget: AnswerBudget;

  constructor(private readonly deps: DiscoveryDeps) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.budget = new AnswerBudget(this.now);
  }

  start(): void {
    this.announce();
    const { reannounceMs, ageOutMs } = this.deps.timing;
    this.reannounceTimer = setInterval(() => this.announce(), reannounceMs);
    this.ageTimer = setInterval(() => this.checkSilence(), Math.max(250, ageOutMs / 4));
    this.reannounceTimer.unref();
    this.ageTimer.unref();
  }

  /**
   * BR_ENTRY to every broadcast address and listed host: one datagram, one packet
   * number, so a host that hears several copies knows them for one entry.
   */
  announce(): void {
    if (this.invisible()) return;
    const bytes = this.deps.packets.build(this.entryCommand(Mode.BR_ENTRY), this.entryExtra());
    for (const target of this.deps.targets()) {
      void this.deps.packets.sendBytes(bytes, target);
    }
  }

  /**
   * Tell everyone our status, name or signature changed (BR_ABSENCE is never answered).
   * Gone invisible: those we are not talking with see us leave, the others see us stay.
   */
  announcePresence(): void {
    // Invisible: no broadcast, which would reach the peers we are still talking with.
    for (const target of this.everyone(this.invisible())) {
      if (!this.mayAnswer(target)) {
        void this.deps.packets.send(this.entryCommand(Mode.BR_EXIT), this.entryExtra(), target);
        continue;
      }
      const extra = this.entryExtra(target);
      void this.deps.packets.send(this.entryCommand(Mode.BR_ABSENCE), extra, target);
      if (target.client === 'iptux') this.sendSignatureToIptux(target, true);
    }
  }

  /** BR_EXIT to the broadcast addresses, listed hosts and every known online peer. */
  async leave(): Promise<void> {
    this.stopTimers();
    const extra = this.entryExtra();
    await Promise.all(
      this.everyone(this.invisible()).map((target) =>
        this.deps.packets.send(this.entryCommand(Mode.BR_EXIT), extra, target),
      ),
    );
  }

  stop(): void {
    this.stopTimers();
  }

  /** BR_ENTRY: a peer arrived (or asks who is there): note it, and answer after a moment. */
  entered(packet: Packet, from: Endpoint): void {
    this.sighted(packet, from);
    if (!this.mayAnswer(from)) return;
    if (!this.answers.needsAnswer(from, packet.packetNo)) return;
    if (this.budget.spend(from.address)) this.scheduleAnswer(from, packet);
  }

  /** BR_EXIT: the peer left. */
  left(packet: Packet, from: Endpoint): void {
    const peer =
      this.deps.directory.get(peerIdOf(packet.user, packet.host)) ??
      this.deps.directory.findByAddress(from.address, from.port);
    const gone = peer && this.deps.directory.setOffline(peer.id);
    if (gone) this.deps.onPeer(gone);
  }

  /** GETINFO: who we are, as IP Messenger's "version" query expects: plain text. */
  answerVersion(from: Endpoint): void {
    if (!this.mayAnswer(from)) return;
    void this.deps.packets.send(
      Mode.SENDINFO,
      `Pigeon ${PIGEON_APP_VERSION} (${process.platform})`,
      from,
    );
  }

  /** GETABSENCEINFO: whether we are away. */
  answerAbsence(from: Endpoint): void {
    if (!this.mayAnswer(from)) return;
    // The words IP Messenger shows for the state, the same in every language.
    const absence = absenceOf(this.deps.presence())?.status;
    const text = absence === 'busy' ? 'Busy' : absence === 'away' ? 'Away' : 'Not Absence mode';
    void this.deps.packets.send(Mode.SENDABSENCEINFO, text, from);
  }

  /** IPTUX_SENDSIGN: an iptux peer's personal signature, for a peer we know. */
  signatureHeard(packet: Packet, from: Endpoint): void {
    const peer =
      this.deps.directory.get(peerIdOf(packet.user, packet.host)) ??
      this.deps.directory.findByAddress(from.address, from.port);
    if (!peer) return;
    const signature = readIptuxSignature(packet, this.deps.legacy);
    if (this.deps.directory.setSignature(peer.id, signature)) this.deps.onPeer(peer);
  }

  /** A peer we did not know spoke to us: ask who it is, within what it has sent us. */
  askWhoIs(to: Endpoint & { capabilities?: number }): void {
    this.budget.heard(to.address);
    if (this.budget.spend(to.address)) this.introduceTo(to);
  }

  /** Unicast BR_ENTRY, as IPMsg does: to a remembered peer or host, or one that went quiet. */
  introduceTo(to: Endpoint & EntryReader): void {
    if (!this.mayAnswer(to)) return;
    void this.deps.packets.send(this.entryCommand(Mode.BR_ENTRY), this.entryExtra(to), to);
  }

  /** ANSENTRY, BR_ABSENCE (and every BR_ENTRY): the peer is there, as it says. */
  sighted(packet: Packet, from: Endpoint): void {
    this.budget.heard(from.address);
    const entry = parseEntryExtra(packet.extra, packet.command, this.deps.legacy, {
      version: packet.version,
    });
    const client = detectClient(packet.version);
    const known = this.deps.directory.get(peerIdOf(packet.user, packet.host));
    const { peer, changed } = this.deps.directory.upsert({
      user: packet.user,
      host: packet.host,
      address: from.address,
      port: from.port,
      nickname: entry.block?.nickname || entry.nickname || packet.user,
      group: entry.block?.group ?? entry.group,
      status: statusOf(entry, client, packet.command, known?.status),
      // Pigeon's SG: line; a packet without the block says nothing about it.
      signature: entry.block ? cleanSignature(entry.block.signature ?? '') : undefined,
      client,
      version: packet.version,
      capabilities: packet.command & 0xffffff00,
      at: this.now(),
    });
    if (changed) this.deps.onPeer(peer);
    this.deps.onEntry?.(peer);
    if (client === 'pigeon' && entry.block) this.deps.onAvatar?.(peer, entry.block.avatar);
    if (!this.mayAnswer(from)) return;
    const mode = modeOf(packet.command);
    // iptux sends its own signature after each entry; we send ours the same way.
    if (client === 'iptux' && mode !== Mode.BR_ABSENCE) this.sendSignatureToIptux(peer, false);
    // iptux sends its signature only after an entry that marks us compatible, and its
    // answer to our broadcast came before it knew us: one unicast entry with the mark.
    if (
      client === 'iptux' &&
      !known &&
      mode === Mode.ANSENTRY &&
      iptuxCompatible(this.deps.presence(), this.deps.legacy) &&
      this.budget.spend(from.address)
    ) {
      this.introduceTo(peer);
    }
    // It heard our broadcast in the legacy codepage only: give a UTF-8 reader our names
    // (and Pigeon's signature and status lines) exactly. ASCII names with nothing more
    // to say were exact already, so then there is nothing to add on a join.
    // Our avatar is named only in the block: every answer to our entry gets it, so a
    // Pigeon that missed a change (it was off) learns it at our next announce.
    const withAvatar =
      client === 'pigeon' && this.deps.presence().avatar !== undefined && mode === Mode.ANSENTRY;
    if (
      ((!known && !this.broadcastSaysAll()) || withAvatar) &&
      hasOption(packet.command, Opt.CAPUTF8OPT) &&
      mode !== Mode.BR_ENTRY &&
      this.budget.spend(from.address)
    ) {
      void this.deps.packets.send(
        this.entryCommand(Mode.BR_ABSENCE),
        this.entryExtra({ capabilities: packet.command }),
        from,
      );
    }
  }

  private scheduleAnswer(to: Endpoint, entry: Packet): void {
    const hostsHeard = this.deps.directory.onlineCount();
    const delay = answerDelayMs(hostsHeard, this.deps.timing.answerDelayMaxMs, this.random);
    const reader = { capabilities: entry.command, client: detectClient(entry.version) };
    this.answers.schedule(to, entry.packetNo, delay, () => {
      void this.deps.packets.send(this.entryCommand(Mode.ANSENTRY), this.entryExtra(reader), to);
    });
  }

  /** The broadcast already told a UTF-8 reader everything: ASCII names, nothing more (no signature, status or avatar, which only the UTF-8 block names). */
  private broadcastSaysAll(): boolean {
    const me = this.deps.presence();
    const ascii = entryEncoding(me, this.deps.legacy) === 'utf8';
    return ascii && !me.signature && me.avatar === undefined && me.status === 'online';
  }

  private invisible(): boolean {
    return this.deps.presence().status === 'invisible';
  }

  /** While invisible, only peers we are talking with hear from us. */
  private mayAnswer(to: Endpoint): boolean {
    if (!this.invisible()) return true;
    const peer = this.deps.directory.findByAddress(to.address, to.port);
    return peer !== undefined && (this.deps.talksWith?.(peer.id) ?? false);
  }

  /** 0xfc to an iptux peer, in the encoding it reads our text with; empty only to clear. */
  private sendSignatureToIptux(to: Endpoint, evenEmpty: boolean): void {
    const me = this.deps.presence();
    if (!me.signature && !evenEmpty) return;
    const extra = iptuxSignatureExtra(me.signature ?? '', entryEncoding(me, this.deps.legacy));
    void this.deps.packets.send(Mode.IPTUX_SENDSIGN, extra, to);
  }

  /** Probe peers that went quiet (unicast BR_ENTRY); mark offline those silent too long. */
  private checkSilence(): void {
    const now = this.now();
    const { ageOutMs } = this.deps.timing;
    for (const peer of this.deps.directory.ageOut(now, ageOutMs)) this.deps.onPeer(peer);
    // One probe per address a round: a hundred names at one address are one machine at most.
    const probed = new Set<string>();
    for (const peer of this.deps.directory.all()) {
      const key = `${peer.address}:${peer.port}`;
      if (peer.status === 'offline' || now - peer.lastSeen <= ageOutMs / 2 || probed.has(key))
        continue;
      probed.add(key);
      this.introduceTo(peer);
    }
  }

  /** Online peers, then (unless `peersOnly`) the broadcast targets and listed hosts. */
  private everyone(peersOnly = false): (Endpoint & EntryReader)[] {
    return presenceTargets(this.deps.directory.all(), peersOnly ? [] : this.deps.targets());
  }

  private entryCommand(mode: number): number {
    const encrypts = this.deps.encrypts?.() ? Opt.ENCRYPTOPT | Opt.ENCEXTMSGOPT : 0;
    return ownEntryCommand(mode, this.deps.presence()) | encrypts;
  }

  private entryExtra(to?: EntryReader): Buffer {
    const me = this.deps.presence();
    return ownEntryExtra(me, this.deps.legacy, to, this.deps.keyLines?.(me));
  }

  private stopTimers(): void {
    this.answers.cancelAll();
    if (this.reannounceTimer) clearInterval(this.reannounceTimer);
    if (this.ageTimer) clearInterval(this.ageTimer);
    this.reannounceTimer = undefined;
    this.ageTimer = undefined;
  }
}
