import { Mode, Opt, hasOption, modeOf } from '../ipmsg/commands';
import { detectClient } from '../ipmsg/client';
import { buildEntryExtra, entryEncoding, parseEntryExtra } from '../ipmsg/entry';
import type { Packet } from '../ipmsg/packet';
import type { LegacyEncoding } from '../ipmsg/text';
import type { MessengerTiming } from '../options';
import { PIGEON_APP_VERSION } from '../version';
import type { Endpoint } from '../net/endpoint';
import type { PacketSender } from '../net/packet-sender';
import { AnswerBudget } from './answer-budget';
import { answerDelayMs } from './answer-delay';
import { EntryAnswers } from './entry-answers';
import { PeerDirectory, peerIdOf, type PeerRecord } from './peer-directory';

export interface Presence {
  nickname: string;
  group: string;
  user: string;
  host: string;
  status: 'online' | 'away';
}

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
    const bytes = this.deps.packets.build(this.entryCommand(Mode.BR_ENTRY), this.entryExtra());
    for (const target of this.deps.targets()) {
      void this.deps.packets.sendBytes(bytes, target);
    }
  }

  /** Tell everyone our status or name changed (BR_ABSENCE is never answered). */
  announcePresence(): void {
    for (const target of this.everyone()) {
      const extra = this.entryExtra(target.capabilities);
      void this.deps.packets.send(this.entryCommand(Mode.BR_ABSENCE), extra, target);
    }
  }

  /** BR_EXIT to the broadcast addresses, listed hosts and every known online peer. */
  async leave(): Promise<void> {
    this.stopTimers();
    const extra = this.entryExtra();
    await Promise.all(
      this.everyone().map((target) =>
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
    void this.deps.packets.send(
      Mode.SENDINFO,
      `Pigeon ${PIGEON_APP_VERSION} (${process.platform})`,
      from,
    );
  }

  /** GETABSENCEINFO: whether we are away. */
  answerAbsence(from: Endpoint): void {
    const away = this.deps.presence().status === 'away';
    void this.deps.packets.send(Mode.SENDABSENCEINFO, away ? 'Away' : 'Not Absence mode', from);
  }

  /** A peer we did not know spoke to us: ask who it is, within what it has sent us. */
  askWhoIs(to: Endpoint & { capabilities?: number }): void {
    this.budget.heard(to.address);
    if (this.budget.spend(to.address)) this.introduceTo(to);
  }

  /** Unicast BR_ENTRY, as IPMsg does: to a remembered peer or host, or one that went quiet. */
  introduceTo(to: Endpoint & { capabilities?: number }): void {
    void this.deps.packets.send(
      this.entryCommand(Mode.BR_ENTRY),
      this.entryExtra(to.capabilities),
      to,
    );
  }

  /** ANSENTRY, BR_ABSENCE (and every BR_ENTRY): the peer is there, as it says. */
  sighted(packet: Packet, from: Endpoint): void {
    this.budget.heard(from.address);
    const entry = parseEntryExtra(packet.extra, packet.command, this.deps.legacy, {
      version: packet.version,
    });
    const client = detectClient(packet.version);
    // iptux sets ABSENCEOPT on every entry; it does not mean it is away.
    const away = client !== 'iptux' && hasOption(packet.command, Opt.ABSENCEOPT);
    const known = this.deps.directory.get(peerIdOf(packet.user, packet.host));
    const { peer, changed } = this.deps.directory.upsert({
      user: packet.user,
      host: packet.host,
      address: from.address,
      port: from.port,
      nickname: entry.block?.nickname || entry.nickname || packet.user,
      group: entry.block?.group ?? entry.group,
      status: away ? 'away' : 'online',
      client,
      version: packet.version,
      capabilities: packet.command & 0xffffff00,
      at: this.now(),
    });
    if (changed) this.deps.onPeer(peer);
    this.deps.onEntry?.(peer);
    // It heard our broadcast in the legacy codepage only: give a UTF-8 reader our names
    // exactly. ASCII names were exact already, so then there is nothing to add on a join.
    if (
      !known &&
      !this.namesAreAscii() &&
      hasOption(packet.command, Opt.CAPUTF8OPT) &&
      modeOf(packet.command) !== Mode.BR_ENTRY &&
      this.budget.spend(from.address)
    ) {
      void this.deps.packets.send(
        this.entryCommand(Mode.BR_ABSENCE),
        this.entryExtra(packet.command),
        from,
      );
    }
  }

  private scheduleAnswer(to: Endpoint, entry: Packet): void {
    const hostsHeard = this.deps.directory.onlineCount();
    const delay = answerDelayMs(hostsHeard, this.deps.timing.answerDelayMaxMs, this.random);
    this.answers.schedule(to, entry.packetNo, delay, () => {
      void this.deps.packets.send(
        this.entryCommand(Mode.ANSENTRY),
        this.entryExtra(entry.command),
        to,
      );
    });
  }

  private namesAreAscii(): boolean {
    return entryEncoding(this.deps.presence(), this.deps.legacy) === 'utf8';
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

  /** Broadcast targets and listed hosts, then every online peer (with what it can read). */
  private everyone(): (Endpoint & { capabilities?: number })[] {
    const seen = new Set<string>();
    const result: (Endpoint & { capabilities?: number })[] = [];
    const online = this.deps.directory.all().filter((p) => p.status !== 'offline');
    // Peers first, so a listed host that is also a known peer gets its capabilities.
    for (const target of [...online, ...this.deps.targets()]) {
      const key = `${target.address}:${target.port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const { capabilities } = target as { capabilities?: number };
      result.push({ address: target.address, port: target.port, capabilities });
    }
    return result;
  }

  private entryCommand(mode: number): number {
    const away = this.deps.presence().status === 'away' ? Opt.ABSENCEOPT : 0;
    return mode | Opt.CAPUTF8OPT | away;
  }

  /**
   * Our entry payload. Broadcasts carry the names in one encoding only; the UTF-8 block
   * goes to a peer that advertised CAPUTF8OPT (`capabilities`), by unicast. The signed key
   * lines (ASCII, so no second encoding) go everywhere: a broadcast moves a keyed contact.
   */
  private entryExtra(capabilities?: number): Buffer {
    const me = this.deps.presence();
    const info = {
      nickname: me.nickname,
      group: me.group,
      user: me.user,
      host: me.host,
      appVersion: PIGEON_APP_VERSION,
    };
    const utf8Block = capabilities !== undefined && hasOption(capabilities, Opt.CAPUTF8OPT);
    const keyLines = this.deps.keyLines?.(me);
    return buildEntryExtra(info, entryEncoding(me, this.deps.legacy), { utf8Block, keyLines });
  }

  private stopTimers(): void {
    this.answers.cancelAll();
    if (this.reannounceTimer) clearInterval(this.reannounceTimer);
    if (this.ageTimer) clearInterval(this.ageTimer);
    this.reannounceTimer = undefined;
    this.ageTimer = undefined;
  }
}
