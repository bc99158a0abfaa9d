import {
  ContractError,
  isGroupId,
  type ParsedRequest,
  type MessageDTO,
  type NetworkStatsDTO,
  type NetworkStatusDTO,
  type PeerDTO,
  type TransferDTO,
  type TransferImageDTO,
  type PigeonEvent,
  type SelfDTO,
  type SnapshotDTO,
} from '../../src-shared/contract';
import { exportConversation } from './store/conversation-export';
import { NetworkSettings } from './network-settings';
import { openStore, type PigeonStore } from './store';
import { Discovery } from './discovery/discovery';
import { EventHub } from './event-hub';
import { changeSelf, initialSelf } from './self-profile';
import { PeerDirectory, peerIdOf, toPeerDTO, type PeerRecord } from './discovery/peer-directory';
import { peerDealtWith, RememberedPeers } from './discovery/remembered-peers';
import type { Packet } from './ipmsg/packet';
import type { LegacyEncoding } from './ipmsg/text';
import { Courtesy } from './messaging/courtesy';
import type { Shakes } from './shakes/shakes';
import { Messaging } from './messaging/messaging';
import { SealedMessages } from './messaging/sealed';
import type { MessengerCore } from './messenger-api';
import { NetworkStats } from './net/network-stats';
import type { Datagram, UdpTransport } from './net/udp-transport';
import { HostList } from './net/host-list';
import { announceTargets } from './net/targets';
import { defaultTiming, type MessengerOptions, type MessengerTiming } from './options';
import { localIpv4Addresses } from './net/interfaces';
import { describeNetwork } from './net/network-status';
import type { Endpoint } from './net/endpoint';
import { announceDiskFull, refuseWhenDiskFull } from './disk-full-notice';
import { openNetwork } from './messenger-network';
import { FloodWatch } from './net/flood-watch';
import { buildServices } from './messenger-services';
import type { TransferService } from './transfer/transfers';
import { PlainContacts } from './plain-contacts/plain-contacts';
import type { Groups } from './groups/groups';
import type { PigeonGroups } from './groups/pigeon-groups';
import { FEIQ_GROUP_ADDRESS } from './groups/feiq-group-message';
import { routePacket, type PacketRoutes } from './packet-routes';
import type { Recalls } from './messaging/recall';
import type { Avatars } from './avatars/avatars';
import { sendToSeveral } from './messaging/send-to-several';
import { deleteStored } from './store/message-edits';
import type { MessageSender } from './pipeline/message-sender';
import { AddressClaims } from './discovery/address-claims';
import { modeOf } from './ipmsg/commands';
import { TrustWarnings } from './trust-warnings';
import type { IpmsgKeys } from './ipmsg-crypto/ipmsg-keys';
import { generateIdentity } from './keys/identity';
import { KeyBook } from './keys/key-book';
import { describePeerKeys } from './keys/peer-keys-view';
import { MessageSeals } from './keys/message-seals';
import { PacketSealing } from './keys/packet-sealing';
import { SEALED_ONLY_MODES } from './sealed-modes';

export const DEFAULT_PORT = 2425;

/** How many remembered peers are asked directly at start (the most recently seen). */
const REPROBE_LIMIT = 256;

/**
 * A messenger on the LAN. `store` keeps history, peers and the outbox; without one
 * everything lives in an in-memory database and is gone when the process ends. The
 * caller that opened a store closes it, after `stop()`.
 */
export function createMessengerCore(options: MessengerOptions, store?: PigeonStore): MessengerCore {
  return new Messenger(options, store ?? openStore(':memory:'));
}

/** The facade: joins transport, codec, discovery and messaging; commands in, events out. */
class Messenger implements MessengerCore {
  private readonly events = new EventHub();
  private readonly networkStats = new NetworkStats();
  private readonly directory: PeerDirectory;
  private readonly remembered: RememberedPeers;
  private readonly network: NetworkSettings;
  private readonly hosts: HostList;
  private readonly transport: UdpTransport;
  private readonly discovery: Discovery;
  private readonly sender: MessageSender;
  private readonly messaging: Messaging;
  private readonly courtesy: Courtesy;
  private readonly shakes: Shakes;
  private readonly transfers: TransferService;
  private readonly sealed: SealedMessages;
  private readonly plain: PlainContacts;
  private readonly groups: Groups;
  private readonly pigeonGroups: PigeonGroups;
  private readonly recalls: Recalls;
  private readonly avatars: Avatars;
  private readonly ipmsgKeys: IpmsgKeys;
  private readonly routes: PacketRoutes;
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
      introduce: (to) => this.discovery.introduceTo(to),
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
    this.discovery = services.discovery;
    this.sender = services.sender;
    this.routes = services.routes;
    this.messaging = services.messaging;
    this.courtesy = services.courtesy;
    this.shakes = services.shakes;
    this.transfers = services.transfers;
    this.sealed = services.sealed;
    this.plain = services.plain;
    this.recalls = services.recalls;
    this.groups = services.groups;
    this.avatars = services.avatars;
    for (const peer of remembered) {
      if (peer.avatar !== undefined) this.avatars.restore(peer.id, peer.avatar);
    }
    const avatar = this.avatars.own();
    if (avatar !== undefined) this.self = { ...this.self, avatar };
    this.pigeonGroups = services.pigeonGroups;
    this.ipmsgKeys = services.ipmsgKeys;
    this.claims = this.watchClaims(timing);
  }

  /** Who may speak for a known peer from another address (discovery/address-claims.ts). */
  private watchClaims(timing: MessengerTiming): AddressClaims {
    return new AddressClaims({
      directory: this.directory,
      probeMs: timing.claimProbeMs,
      probe: (to) => this.discovery.introduceTo(to),
      vouch: (packet, peerId) => this.keys.vouch(packet, peerId),
      route: (packet, from) => {
        // Opened, or refused when a sealing Pigeon's packet is clear, forged, replayed or altered.
        const opened = this.sealing.incoming(packet, from);
        if (opened) routePacket(this.routes, opened, from);
      },
      moved: (peer, previous) => {
        this.emitPeer(peer);
        const at = Date.now();
        const warning = { peerId: peer.id, kind: 'address-changed' as const, at };
        this.trustWarnings.add({
          ...warning,
          address: peer.address,
          previousAddress: previous.address,
        });
      },
      impostor: (peer, claimant, impostorId) => {
        const impostor = this.directory.get(impostorId);
        if (impostor) this.emitPeer(impostor);
        const at = Date.now();
        this.trustWarnings.add({
          peerId: peer.id,
          kind: 'impostor',
          address: claimant.address,
          impostorId,
          at,
        });
      },
    });
  }

  async start(): Promise<void> {
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
    // Our key before our first entry: ENCRYPTOPT is offered only once we can decrypt.
    await this.ipmsgKeys.start(this.options.keyFolder);
    // A socket bound to one address never hears multicast: join only on 0.0.0.0.
    if (bind === '0.0.0.0')
      this.multicastInterfaces = this.transport.joinMulticast(
        FEIQ_GROUP_ADDRESS,
        this.ownAddresses,
      );
    this.discovery.start();
    // Peers met before may sit on another subnet that no broadcast reaches: ask them directly.
    const remembered = this.directory
      .all()
      .filter((peer) => peer.status === 'offline')
      .sort((a, b) => b.lastSeen - a.lastSeen)
      .slice(0, REPROBE_LIMIT);
    for (const peer of remembered) this.discovery.introduceTo(peer);
    this.introduceToNamedHosts();
    // TCP for files on the same port number; if it is taken, chat still works.
    await this.transfers.start();
    await this.plain.start();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.sender.stop();
    this.ipmsgKeys.stop();
    this.claims.stop();
    this.messaging.stop();
    await this.transfers.stop();
    this.courtesy.stop();
    this.sealed.stop();
    this.recalls.stop();
    await this.discovery.leave();
    await this.plain.stop();
    this.events.stop();
    await this.transport.close();
  }

  snapshot(): SnapshotDTO {
    return {
      self: { ...this.self },
      peers: [...this.directory.all().map((peer) => this.peerDTO(peer)), ...this.plain.peers()],
      conversations: this.store.conversations.all(),
      stats: this.networkStats.snapshot(),
      remarks: this.store.remarks.all(),
      trustWarnings: this.trustWarnings.all(),
      groups: this.groups.all(),
    };
  }

  stats(): NetworkStatsDTO {
    return this.networkStats.snapshot();
  }

  listMessages(query: ParsedRequest<'listMessages'>) {
    const { conversationId, ...page } = query;
    const messages = this.store.messages.list(conversationId, page);
    // Our messages to a Pigeon group say how many members have them.
    return isGroupId(conversationId)
      ? messages.map((message) => this.pigeonGroups.withDelivery(message))
      : messages;
  }

  sendMessage({ conversationId, text, sealed }: ParsedRequest<'sendMessage'>) {
    if (!this.running) throw new ContractError('failed', 'Pigeon is not connected to the network.');
    if (text.trim().length === 0)
      throw new ContractError('invalid-request', 'An empty message cannot be sent.');
    if (this.plain.isPlain(conversationId)) return this.plain.send(conversationId, text);
    if (isGroupId(conversationId))
      return refuseWhenDiskFull(() => this.groups.send(conversationId, text));
    this.refuseChangedKey(this.store.conversations.get(conversationId)?.peerId ?? conversationId);
    return refuseWhenDiskFull(() => this.messaging.send(conversationId, text, { sealed }));
  }

  // --- 群发, one copy per contact: see messaging/send-to-several.ts ---
  sendToSeveral({ peerIds, text }: ParsedRequest<'sendToSeveral'>) {
    if (!this.running) throw new ContractError('failed', 'Pigeon is not connected to the network.');
    if (text.trim().length === 0)
      throw new ContractError('invalid-request', 'An empty message cannot be sent.');
    return refuseWhenDiskFull(() =>
      sendToSeveral(peerIds, text, {
        isPlain: (peerId) => this.plain.isPlain(peerId),
        sendPlain: (peerId, copy) => this.plain.send(peerId, copy),
        sendCopy: (peerId, copy) => {
          this.refuseChangedKey(peerId);
          return this.messaging.send(peerId, copy, { multicast: true });
        },
      }),
    );
  }

  // --- a broadcast notice to everyone online: groups/groups.ts ---
  sendBroadcast({ text }: ParsedRequest<'sendBroadcast'>) {
    if (!this.running) throw new ContractError('failed', 'Pigeon is not connected to the network.');
    if (text.trim().length === 0)
      throw new ContractError('invalid-request', 'An empty message cannot be sent.');
    return refuseWhenDiskFull(() => this.groups.startBroadcast(text));
  }

  // --- keys: keys/key-book.ts ---
  getPeerKeys({ peerId }: ParsedRequest<'getPeerKeys'>) {
    return describePeerKeys(this.keys, peerId, this.seals.seals(peerId));
  }

  acceptPeerKey({ peerId }: ParsedRequest<'acceptPeerKey'>) {
    if (this.keys.acceptNewKey(peerId)) {
      const peer = this.directory.get(peerId);
      if (peer) this.emitPeer(peer);
      // What waited for the new key goes out now: one-to-one and group copies alike.
      if (this.running) {
        this.messaging.flushOutbox(peerId);
        this.pigeonGroups.peerBack(peerId);
      }
    }
    return describePeerKeys(this.keys, peerId, this.seals.seals(peerId));
  }

  setPeerVerified({ peerId, verified }: ParsedRequest<'setPeerVerified'>) {
    if (!this.keys.setVerified(peerId, verified))
      throw new ContractError('failed', 'This contact has no key to verify.');
    const peer = this.directory.get(peerId);
    if (peer) this.emitPeer(peer);
    return describePeerKeys(this.keys, peerId, this.seals.seals(peerId));
  }

  /** Nothing goes to a Pigeon whose key changed until the user accepts the new key. */
  private refuseChangedKey(peerId: string): void {
    if (this.keys.awaitsAcceptance(peerId))
      throw new ContractError(
        'failed',
        'This contact’s key changed: accept the new key in its chat before sending.',
      );
  }

  // --- sealed messages: see messaging/sealed.ts ---
  openSealed({ messageId }: ParsedRequest<'openSealed'>): MessageDTO {
    return this.sealed.open(messageId);
  }

  // --- file transfer (transfer/transfers.ts) ---
  offerFiles(request: ParsedRequest<'offerFiles'>): Promise<TransferDTO> {
    try {
      if (!this.running) {
        throw new ContractError('failed', 'Pigeon is not connected to the network.');
      }
      const conversation = this.store.conversations.get(request.conversationId);
      const peer = this.directory.get(conversation?.peerId ?? request.conversationId);
      if (!peer) throw new ContractError('failed', 'This contact is unknown.');
      this.refuseChangedKey(peer.id);
      return this.transfers.offer(
        request.conversationId,
        peer,
        request.paths,
        request.image === true,
      );
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  listTransfers({ conversationId }: ParsedRequest<'listTransfers'>): TransferDTO[] {
    return this.transfers.list(conversationId);
  }

  acceptTransfer({ transferId, directory }: ParsedRequest<'acceptTransfer'>): TransferDTO {
    return this.transfers.accept(transferId, directory);
  }

  declineTransfer({ transferId }: ParsedRequest<'declineTransfer'>): TransferDTO {
    return this.transfers.decline(transferId);
  }

  cancelTransfer({ transferId }: ParsedRequest<'cancelTransfer'>): TransferDTO {
    return this.transfers.cancel(transferId);
  }

  retryTransfer({ transferId }: ParsedRequest<'retryTransfer'>): TransferDTO {
    return this.transfers.retry(transferId);
  }

  transferLocation(transferId: string): string {
    return this.transfers.location(transferId);
  }

  getTransferImage({ transferId }: ParsedRequest<'getTransferImage'>): Promise<TransferImageDTO> {
    return this.transfers.image(transferId);
  }

  // --- plain contacts (UDP and TCP): see plain-contacts/plain-contacts.ts ---
  addPlainContact(request: ParsedRequest<'addPlainContact'>): Promise<PeerDTO> {
    return this.plain.add(request);
  }

  reconnectPlainContact({ peerId }: ParsedRequest<'reconnectPlainContact'>): Promise<PeerDTO> {
    return this.plain.reconnect(peerId);
  }

  removePlainContact({ peerId }: ParsedRequest<'removePlainContact'>) {
    this.plain.remove(peerId);
    return { ok: true as const };
  }

  resendMessage({ messageId }: ParsedRequest<'resendMessage'>) {
    if (!this.running) throw new ContractError('failed', 'Pigeon is not connected to the network.');
    if (this.plain.ownsMessage(messageId)) return this.plain.resend(messageId);
    // An offer that was not confirmed is offered again, files and all.
    const offer = this.store.messages.get(messageId);
    if (offer)
      this.refuseChangedKey(this.store.conversations.get(offer.conversationId)?.peerId ?? '');
    if (offer?.transferId && offer.direction === 'out') {
      this.transfers.retry(offer.transferId);
      return this.store.messages.get(messageId) ?? offer;
    }
    return refuseWhenDiskFull(() => this.messaging.resend(messageId));
  }

  markRead({ conversationId }: ParsedRequest<'markRead'>) {
    const conversation = this.store.conversations.markRead(conversationId);
    this.emit({ type: 'conversation', conversation });
    return conversation;
  }

  pinConversation({ conversationId, pinned }: ParsedRequest<'pinConversation'>) {
    const conversation = this.store.conversations.setPinned(conversationId, pinned);
    this.emit({ type: 'conversation', conversation });
    return conversation;
  }

  setRemark({ peerId, remark }: ParsedRequest<'setRemark'>) {
    const saved = this.store.remarks.set(peerId, remark);
    this.emit({ type: 'remark', ...saved });
    return saved;
  }

  muteGroup({ groupId, muted }: ParsedRequest<'muteGroup'>) {
    return this.groups.setMuted(groupId, muted);
  }

  // --- Pigeon groups: groups/pigeon-groups.ts ---
  createGroup(request: ParsedRequest<'createGroup'>) {
    return refuseWhenDiskFull(() => this.pigeonGroups.create(request));
  }

  changeGroup(request: ParsedRequest<'changeGroup'>) {
    return refuseWhenDiskFull(() => this.pigeonGroups.change(request));
  }

  groupDelivery({ messageId }: ParsedRequest<'groupDelivery'>) {
    return this.pigeonGroups.delivery.deliveryList(messageId);
  }

  openConversation(peerId: string): string {
    const known = this.directory.get(peerId) || this.plain.canOpen(peerId);
    if (!known && !this.groups.has(peerId))
      throw new ContractError('failed', 'This contact is unknown.');
    const conversation = this.store.conversations.ensure(peerId);
    this.emit({ type: 'conversation', conversation });
    return conversation.id;
  }

  updateProfile(change: ParsedRequest<'updateProfile'>): SelfDTO {
    const wasInvisible = this.self.status === 'invisible';
    const { self, visible } = changeSelf(this.self, change);
    this.self = self;
    if (visible && this.running) this.discovery.announcePresence();
    // Back from invisible: a broadcast entry, so everyone answers and sees us again.
    if (wasInvisible && self.status !== 'invisible' && this.running) this.discovery.announce();
    this.emit({ type: 'self', self: { ...this.self } });
    return { ...this.self };
  }

  // --- avatars: avatars/avatars.ts ---
  setAvatar({ png }: ParsedRequest<'setAvatar'>): SelfDTO {
    const avatar = this.avatars.setOwn(png === undefined ? undefined : Buffer.from(png, 'base64'));
    const { avatar: _before, ...rest } = this.self;
    this.self = avatar === undefined ? rest : { ...rest, avatar };
    if (this.running) this.discovery.announcePresence();
    this.emit({ type: 'self', self: { ...this.self } });
    return { ...this.self };
  }

  getAvatar({ hash }: ParsedRequest<'getAvatar'>) {
    return this.avatars.picture(hash);
  }

  refreshPeers() {
    if (this.running) this.discovery.announce();
    return { ok: true as const };
  }

  cancelMessage({ messageId }: ParsedRequest<'cancelMessage'>) {
    if (this.plain.ownsMessage(messageId)) return this.plain.cancel(messageId);
    return this.messaging.cancel(messageId);
  }

  // --- recall and delete: messaging/recall.ts, store/message-edits.ts ---
  recallMessage({ messageId }: ParsedRequest<'recallMessage'>) {
    if (!this.running) throw new ContractError('failed', 'Pigeon is not connected to the network.');
    return this.recalls.recall(messageId);
  }

  deleteMessage({ messageId }: ParsedRequest<'deleteMessage'>) {
    const conversation = deleteStored(this.store.db, this.store.conversations, messageId);
    if (conversation) {
      this.emit({ type: 'message-removed', conversationId: conversation.id, messageId });
      this.emit({ type: 'conversation', conversation });
    }
    return { ok: true as const };
  }

  searchMessages(query: ParsedRequest<'searchMessages'>) {
    return this.store.messages.search(query.query, {
      limit: query.limit,
      conversationId: query.conversationId,
    });
  }

  exportConversation({ conversationId, format }: ParsedRequest<'exportConversation'>) {
    const peerId = this.store.conversations.get(conversationId)?.peerId ?? conversationId;
    const peer = this.directory.get(peerId) ?? this.plain.get(peerId);
    const group = this.groups.get(conversationId);
    const names = {
      self: this.self.nickname,
      peer: group?.name || peer?.nickname || conversationId,
      author: (authorId: string) => this.directory.get(authorId)?.nickname ?? authorId,
    };
    return exportConversation(this.store.messages, conversationId, format, names);
  }

  setTyping({ conversationId, typing }: ParsedRequest<'setTyping'>) {
    const peer = this.directory.get(
      this.store.conversations.get(conversationId)?.peerId ?? conversationId,
    );
    if (peer && this.running) this.courtesy.sendTyping(peer, typing);
    return { ok: true as const };
  }

  // --- FeiQ's window shake: see shakes/shakes.ts ---
  shake({ peerId }: ParsedRequest<'shake'>) {
    if (!this.running) throw new ContractError('failed', 'Pigeon is not connected to the network.');
    return this.shakes.send(peerId);
  }

  networkStatus(): NetworkStatusDTO {
    return describeNetwork({
      port: this.self.port,
      bindAddress: this.options.bindAddress ?? '0.0.0.0',
      bound: this.running,
      problem: this.startProblem,
      targets: this.announceTargets(),
      stats: this.networkStats.snapshot(),
    });
  }

  getSettings() {
    return this.network.get();
  }

  updateSettings(change: ParsedRequest<'updateSettings'>) {
    const settings = this.network.update(change);
    this.hosts.set(settings.hosts);
    this.emit({ type: 'settings', settings });
    if (this.running && (change.hosts || change.broadcastAddresses)) {
      this.discovery.announce();
      this.introduceToNamedHosts();
    }
    return settings;
  }

  onEvent(listener: (event: PigeonEvent) => void): () => void {
    return this.events.on(listener);
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
      if (this.running) for (const endpoint of found) this.discovery.introduceTo(endpoint);
    });
  }

  /** A packet for its owner (packet-routes.ts); false when its mode is unknown. */
  private dispatch(received: Packet, from: Endpoint): boolean {
    if (!this.routes.has(modeOf(received.command))) return false;
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
    return routePacket(this.routes, packet, from);
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
    const dto: PeerDTO = { ...toPeerDTO(peer), ...this.avatars.of(peer.id) };
    if (this.keys.stored(peer.id)?.verified) dto.keyVerified = true;
    return this.ipmsgKeys.encrypts(peer) ? { ...dto, ipmsgEncrypted: true } : dto;
  }

  /** The record as stored: with the avatar it shows, so an offline contact keeps it. */
  private withAvatar(peer: PeerRecord): PeerRecord {
    const { avatar: _avatar, ...rest } = peer;
    return { ...rest, ...this.avatars.of(peer.id) };
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
