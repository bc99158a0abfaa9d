import type {
  NetworkStatusDTO,
  ParsedRequest,
  PeerDTO,
  PigeonEvent,
  SelfDTO,
  SnapshotDTO,
} from '../../src-shared/contract';
import { NetworkSettings } from './network-settings';
import { openStore, type PigeonStore } from './store';
import { EventHub } from './event-hub';
import { initialSelf } from './self-profile';
import { PeerDirectory, peerIdOf, toPeerDTO, type PeerRecord } from './discovery/peer-directory';
import { peerDealtWith, RememberedPeers } from './discovery/remembered-peers';
import type { AddressClaims } from './discovery/address-claims';
import type { Packet } from './ipmsg/packet';
import type { LegacyEncoding } from './ipmsg/text';
import { modeOf } from './ipmsg/commands';
import type { MessengerCore } from './messenger-api';
import { NetworkStats } from './net/network-stats';
import type { Datagram, UdpTransport } from './net/udp-transport';
import { HostList } from './net/host-list';
import { announceTargets } from './net/targets';
import { defaultTiming, type MessengerOptions, type MessengerTiming } from './options';
import { localIpv4Addresses } from './net/interfaces';
import { describeNetwork } from './net/network-status';
import type { Endpoint } from './net/endpoint';
import { FloodWatch } from './net/flood-watch';
import { announceDiskFull } from './disk-full-notice';
import { openNetwork } from './messenger-network';
import { buildServices, type MessengerServices } from './messenger-services';
import { watchAddressClaims } from './messenger-claims';
import { FEIQ_GROUP_ADDRESS } from './groups/feiq-group-message';
import { routePacket } from './packet-routes';
import { TrustWarnings } from './trust-warnings';
import { generateIdentity } from './keys/identity';
import { KeyBook } from './keys/key-book';
import { MessageSeals } from './keys/message-seals';
import { PacketSealing } from './keys/packet-sealing';
import { SEALED_ONLY_MODES } from './sealed-modes';
import type { CommandContext } from './commands/command-context';
import { historyCommands } from './commands/history-commands';
import { sendingCommands } from './commands/sending-commands';
import { transferCommands } from './commands/transfer-commands';
import { groupCommands } from './commands/group-commands';
import { plainContactCommands } from './commands/plain-contact-commands';
import { keyCommands } from './commands/key-commands';
import { profileCommands } from './commands/profile-commands';

export const DEFAULT_PORT = 2425;

/** How many remembered peers are asked directly at start (the most recently seen). */
const REPROBE_LIMIT = 256;

/**
 * A messenger on the LAN. `store` keeps history, peers and the outbox; without one
 * everything lives in an in-memory database and is gone when the process ends. The
 * caller that opened a store closes it, after `stop()`.
 */
export function createMessengerCore(options: MessengerOptions, store?: PigeonStore): MessengerCore {
  return new Messenger(options, store ?? openStore(':memory:')).api();
}

/**
 * The facade: joins transport, codec, discovery and the services, and owns what only it
 * may change (running, our profile, the settings); the commands live by concern in
 * commands/ and reach the rest through a CommandContext.
 */
class Messenger {
  private readonly events = new EventHub();
  private readonly networkStats = new NetworkStats();
  private readonly directory: PeerDirectory;
  private readonly remembered: RememberedPeers;
  private readonly network: NetworkSettings;
  private readonly hosts: HostList;
  private readonly transport: UdpTransport;
  private readonly services: MessengerServices;
  private readonly claims: AddressClaims;
  private readonly trustWarnings = new TrustWarnings((event) => this.emit(event));
  private readonly keys: KeyBook;
  /** Sealed packets between keyed Pigeons (keys/packet-sealing.ts). */
  private readonly sealing: PacketSealing;
  private readonly seals: MessageSeals;
  private self: SelfDTO;
  private ownAddresses = new Set<string>();
  /** Interfaces that joined FeiQ's multicast group (none when bound to one address). */
  private multicastInterfaces: string[] = [];
  private running = false;
  /** Why the port could not be bound, for the network panel. */
  private startProblem: string | undefined;

  constructor(
    private readonly options: MessengerOptions,
    private readonly store: PigeonStore,
  ) {
    const port = options.port ?? DEFAULT_PORT;
    this.network = new NetworkSettings(options, port);
    this.hosts = new HostList(port);
    this.hosts.set(options.hosts ?? []);
    // Bounded, so a flood of made-up names costs little; a peer the user dealt with stays,
    // and only such peers are stored. Strangers evicted leave every window's list too.
    this.remembered = new RememberedPeers(store);
    this.directory = new PeerDirectory({
      keep: (id) => this.remembered.isKept(id),
      onEvict: (peers) => {
        // Their keys go with them: a flood of keyed names leaves nothing in peer_keys.
        store.peerKeys.forgetStrangers(peers.map((peer) => peer.id));
        for (const peer of peers) this.emit({ type: 'peer-removed', peerId: peer.id });
      },
    });
    // A remembered avatar is named once the avatar cache exists (below).
    const remembered = this.remembered.load();
    this.directory.restore(remembered.map(({ avatar: _avatar, ...peer }) => peer));
    announceDiskFull(store.db.disk, (event) => this.emit(event));
    const timing: MessengerTiming = { ...defaultTiming, ...options.timing };
    const legacy: LegacyEncoding = options.legacyEncoding ?? 'gb18030';
    this.self = initialSelf(options, port);
    this.keys = new KeyBook({
      repo: store.peerKeys,
      identity: options.identity ?? generateIdentity(),
      keyChanged: (peerId) => {
        const peer = this.directory.get(peerId);
        const address = peer?.address ?? '';
        this.trustWarnings.add({ peerId, kind: 'key-changed', address, at: Date.now() });
      },
    });
    const floods = new FloodWatch({
      peerAt: (from) => this.directory.findByAddress(from.address, from.port),
      tell: (peerId, at) => this.emit({ type: 'peer-refused', peerId, at }),
    });
    const { transport, packets } = openNetwork({
      options,
      port,
      legacy,
      self: this.self,
      stats: this.networkStats,
      highestSentPacketNo: store.messages.highestSentPacketNo(),
      isOwn: (packet, datagram) => this.isOwn(packet, datagram),
      dispatch: (packet, from) => this.dispatch(packet, from),
      onDatagram: () => this.scheduleStats(),
      onRefused: (from) => floods.refused(from),
      emit: (event) => this.emit(event),
    });
    this.transport = transport;
    const seals = new MessageSeals(this.keys, SEALED_ONLY_MODES);
    this.seals = seals;
    this.sealing = new PacketSealing({
      seals,
      keys: this.keys,
      peerAt: (to) => this.directory.findByAddress(to.address, to.port)?.id,
      introduce: (to) => this.services.discovery.introduceTo(to),
    });
    packets.sealWith(this.sealing.outgoing);
    const services = buildServices({
      options,
      store,
      port,
      timing,
      legacy,
      packets,
      directory: this.directory,
      self: () => this.self,
      downloadDir: () => this.network.get().downloadDir,
      receivePolicy: () => this.network.get(),
      announceTargets: () => this.announceTargets(),
      emit: (event) => this.emit(event),
      emitPeer: (peer) => this.emitPeer(peer),
      multicast: (bytes) =>
        this.transport.sendMulticast(bytes, FEIQ_GROUP_ADDRESS, port, this.multicastInterfaces),
      keys: this.keys,
      sessionLine: () => seals.sessionLine(),
    });
    this.services = services;
    for (const peer of remembered) {
      if (peer.avatar !== undefined) services.avatars.restore(peer.id, peer.avatar);
    }
    const avatar = services.avatars.own();
    if (avatar !== undefined) this.self = { ...this.self, avatar };
    this.claims = watchAddressClaims({
      directory: this.directory,
      probeMs: timing.claimProbeMs,
      discovery: () => this.services.discovery,
      keys: this.keys,
      sealing: this.sealing,
      routes: () => this.services.routes,
      trustWarnings: this.trustWarnings,
      emitPeer: (peer) => this.emitPeer(peer),
    });
  }

  /** The commands by concern (commands/), with the facade's own: lifecycle, profile, settings. */
  api(): MessengerCore {
    const context: CommandContext = {
      store: this.store,
      services: this.services,
      directory: this.directory,
      keys: this.keys,
      seals: this.seals,
      isRunning: () => this.running,
      self: () => this.self,
      setSelf: (self) => (this.self = self),
      emit: (event) => this.emit(event),
      emitPeer: (peer) => this.emitPeer(peer),
    };
    return {
      start: () => this.start(),
      stop: () => this.stop(),
      snapshot: () => this.snapshot(),
      stats: () => this.networkStats.snapshot(),
      networkStatus: () => this.networkStatus(),
      onEvent: (listener) => this.events.on(listener),
      getSettings: () => this.network.get(),
      updateSettings: (change) => this.updateSettings(change),
      openSealed: ({ messageId }) => this.services.sealed.open(messageId),
      ...profileCommands(context),
      ...historyCommands(context),
      ...sendingCommands(context),
      ...transferCommands(context),
      ...groupCommands(context),
      ...plainContactCommands(context),
      ...keyCommands(context),
    };
  }

  private async start(): Promise<void> {
    if (this.running) return;
    const bind = this.options.bindAddress ?? '0.0.0.0';
    this.ownAddresses = bind === '0.0.0.0' ? localIpv4Addresses() : new Set([bind]);
    try {
      await this.transport.open();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.startProblem = message;
      this.emit({ type: 'notice', level: 'error', code: 'port-unavailable', message });
      throw error;
    }
    this.running = true;
    this.startProblem = undefined;
    const { discovery, ipmsgKeys, transfers, plain } = this.services;
    // Our key before our first entry: ENCRYPTOPT is offered only once we can decrypt.
    await ipmsgKeys.start(this.options.keyFolder);
    // A socket bound to one address never hears multicast: join only on 0.0.0.0.
    if (bind === '0.0.0.0')
      this.multicastInterfaces = this.transport.joinMulticast(
        FEIQ_GROUP_ADDRESS,
        this.ownAddresses,
      );
    discovery.start();
    // Peers met before may sit on another subnet that no broadcast reaches: ask them directly.
    const remembered = this.directory
      .all()
      .filter((peer) => peer.status === 'offline')
      .sort((a, b) => b.lastSeen - a.lastSeen)
      .slice(0, REPROBE_LIMIT);
    for (const peer of remembered) discovery.introduceTo(peer);
    this.introduceToNamedHosts();
    // TCP for files on the same port number; if it is taken, chat still works.
    await transfers.start();
    await plain.start();
  }

  private async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    const { sender, ipmsgKeys, messaging, transfers, courtesy, sealed, recalls } = this.services;
    sender.stop();
    ipmsgKeys.stop();
    this.claims.stop();
    messaging.stop();
    await transfers.stop();
    courtesy.stop();
    sealed.stop();
    recalls.stop();
    await this.services.discovery.leave();
    await this.services.plain.stop();
    this.events.stop();
    await this.transport.close();
  }

  private snapshot(): SnapshotDTO {
    return {
      self: { ...this.self },
      peers: [
        ...this.directory.all().map((peer) => this.peerDTO(peer)),
        ...this.services.plain.peers(),
      ],
      conversations: this.store.conversations.all(),
      stats: this.networkStats.snapshot(),
      remarks: this.store.remarks.all(),
      trustWarnings: this.trustWarnings.all(),
      groups: this.services.groups.all(),
    };
  }

  private networkStatus(): NetworkStatusDTO {
    return describeNetwork({
      port: this.self.port,
      bindAddress: this.options.bindAddress ?? '0.0.0.0',
      bound: this.running,
      problem: this.startProblem,
      targets: this.announceTargets(),
      stats: this.networkStats.snapshot(),
    });
  }

  private updateSettings(change: ParsedRequest<'updateSettings'>) {
    const settings = this.network.update(change);
    this.hosts.set(settings.hosts);
    this.emit({ type: 'settings', settings });
    if (this.running && (change.hosts || change.broadcastAddresses)) {
      this.services.discovery.announce();
      this.introduceToNamedHosts();
    }
    return settings;
  }

  private announceTargets() {
    return announceTargets(
      { ...this.options, ...this.network.get() },
      this.self.port,
      this.hosts.endpoints(),
    );
  }

  /** Names in the host list are looked up in the background, then greeted directly. */
  private introduceToNamedHosts(): void {
    void this.hosts.resolveNames().then((found) => {
      if (this.running) for (const endpoint of found) this.services.discovery.introduceTo(endpoint);
    });
  }

  /** A packet for its owner (packet-routes.ts); false when its mode is unknown. */
  private dispatch(received: Packet, from: Endpoint): boolean {
    const { routes } = this.services;
    if (!routes.has(modeOf(received.command))) return false;
    // A packet naming a known peer from another address waits for the peer's old address.
    const admission = this.claims.admit(received, from);
    if (!('route' in admission)) return true;
    // Spoken from the peer's own address (not relabelled as an impostor's): its key counts.
    const spoken = admission.route.host === received.host;
    const packet = this.sealing.incoming(admission.route, from);
    if (!packet) return true;
    if (spoken) {
      this.keys.noteEntry(packet, peerIdOf(packet.user, packet.host));
      this.sealing.heardEntry(packet, peerIdOf(packet.user, packet.host));
    }
    return routePacket(routes, packet, from);
  }

  private isOwn(packet: Packet, datagram: Datagram): boolean {
    return (
      packet.user === this.self.user &&
      packet.host === this.self.host &&
      datagram.port === this.self.port &&
      this.ownAddresses.has(datagram.address)
    );
  }

  private scheduleStats(): void {
    this.events.statsChanged(() => this.networkStats.snapshot());
  }

  private emitPeer(peer: PeerRecord): void {
    this.remembered.changed(this.withAvatar(peer));
    this.emit({ type: 'peer', peer: this.peerDTO(peer) });
  }

  /**
   * A peer as the windows see it: its avatar, whether its chat is IP-Messenger-encrypted,
   * and whether the user verified its Pigeon key (the contact row says so).
   */
  private peerDTO(peer: PeerRecord): PeerDTO {
    const dto: PeerDTO = { ...toPeerDTO(peer), ...this.services.avatars.of(peer.id) };
    if (this.keys.stored(peer.id)?.verified) dto.keyVerified = true;
    return this.services.ipmsgKeys.encrypts(peer) ? { ...dto, ipmsgEncrypted: true } : dto;
  }

  /** The record as stored: with the avatar it shows, so an offline contact keeps it. */
  private withAvatar(peer: PeerRecord): PeerRecord {
    const { avatar: _avatar, ...rest } = peer;
    return { ...rest, ...this.services.avatars.of(peer.id) };
  }

  private emit(event: PigeonEvent): void {
    // A first message, an opened chat or a remark: the peer is someone the user dealt with.
    const dealtWith = peerDealtWith(event);
    if (dealtWith !== undefined) {
      const peer = this.directory.get(dealtWith);
      this.remembered.dealtWith(dealtWith, peer && this.withAvatar(peer));
    }
    this.events.emit(event);
  }
}
