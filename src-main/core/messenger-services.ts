// How the messenger's services are built and joined: who tells whom about peers, messages,
// offers and entries, and which of them owns each packet (packet-routes.ts). Kept apart from
// the facade (messenger.ts), which owns the state and the commands; the services reach each
// other through `parts`, filled in before any packet comes.
import path from 'node:path';
import type { PigeonEvent, SelfDTO } from '../../src-shared/contract';
import { Avatars } from './avatars/avatars';
import { Discovery } from './discovery/discovery';
import type { KeyBook } from './keys/key-book';
import { entryKeyLines } from './keys/signed-entry';
import { transferBinding } from './transfer/sealing/identity-binding';
import { FeiqGroups } from './groups/feiq-groups';
import { GroupBook } from './groups/group-book';
import { ownMac } from './groups/own-mac';
import { Groups } from './groups/groups';
import { PigeonGroups } from './groups/pigeon-groups';
import { entryEncoding } from './ipmsg/entry';
import type { PeerDirectory, PeerRecord } from './discovery/peer-directory';
import { pigeonVersionString } from './ipmsg/client';
import type { LegacyEncoding } from './ipmsg/text';
import { Courtesy } from './messaging/courtesy';
import { Messaging } from './messaging/messaging';
import { Recalls } from './messaging/recall';
import { SealedMessages } from './messaging/sealed';
import { MessageAnnouncer } from './message-announcer';
import { packetRoutes, type PacketRoutes } from './packet-routes';
import { MessageSender } from './pipeline/message-sender';
import type { announceTargets as targetsOf } from './net/targets';
import type { MessengerOptions, MessengerTiming } from './options';
import { PlainContacts } from './plain-contacts/plain-contacts';
import type { PigeonStore } from './store';
import { PlainContactsRepo } from './store/plain-contacts-repo';
import { isDiskFull } from './store/disk-full-watch';
import { WriteGroup } from './store/write-group';
import type { ReceivePolicy } from './transfer/receive-policy';
import { TransferService } from './transfer/transfers';
import { PIGEON_APP_VERSION } from './version';
import { UnsupportedNotices } from './unsupported-notices';
import { Shakes } from './shakes/shakes';
import type { PacketSender } from './net/packet-sender';
import { IpmsgKeys } from './ipmsg-crypto/ipmsg-keys';

export interface MessengerServices {
  /** Every SENDMSG we write goes out here (the outgoing pipeline), and every RECVMSG comes back. */
  sender: MessageSender;
  discovery: Discovery;
  messaging: Messaging;
  courtesy: Courtesy;
  transfers: TransferService;
  sealed: SealedMessages;
  plain: PlainContacts;
  groups: Groups;
  pigeonGroups: PigeonGroups;
  recalls: Recalls;
  avatars: Avatars;
  /** IP Messenger's encryption toward clients that offer it. */
  ipmsgKeys: IpmsgKeys;
  unsupported: UnsupportedNotices;
  shakes: Shakes;
  routes: PacketRoutes;
}

export interface ServiceContext {
  options: MessengerOptions;
  store: PigeonStore;
  port: number;
  timing: MessengerTiming;
  legacy: LegacyEncoding;
  packets: PacketSender;
  directory: PeerDirectory;
  /** Our own profile as it is now. */
  self: () => SelfDTO;
  downloadDir: () => string;
  /** The user's file-receive setting, as it is now. */
  receivePolicy: () => ReceivePolicy;
  announceTargets: () => ReturnType<typeof targetsOf>;
  emit: (event: PigeonEvent) => void;
  /** Keep a peer and tell the windows. */
  emitPeer: (peer: PeerRecord) => void;
  /** Out to FeiQ's multicast group on every interface that joined it. */
  multicast: (bytes: Buffer) => Promise<boolean>;
  /** Our keys and the peers' (keys/key-book.ts). */
  keys: KeyBook;
  /** The entry line with our session key for sealed packets (keys/message-seals.ts). */
  sessionLine: () => string;
}

export function buildServices(context: ServiceContext): MessengerServices {
  const { options, store, port, timing, legacy, packets, directory, self } = context;
  const { downloadDir, announceTargets, emit, emitPeer, keys } = context;
  const parts = {} as MessengerServices;
  const announcer = new MessageAnnouncer({ emit }, store.conversations);
  const requester = {
    version: pigeonVersionString(PIGEON_APP_VERSION),
    user: self().user,
    host: self().host,
    nextPacketNo: () => packets.nextPacketNo(),
  };
  parts.avatars = new Avatars({
    dir: options.avatarsDir,
    directory,
    requester,
    changed: emitPeer,
  });
  parts.ipmsgKeys = new IpmsgKeys({
    packets,
    directory,
    onKey: emitPeer,
    waitMs: timing.keyWaitMs,
  });
  parts.sender = new MessageSender({
    packets,
    legacy,
    presence: self,
    timing,
    encryption: parts.ipmsgKeys,
  });
  parts.discovery = new Discovery({
    packets,
    directory: directory,
    presence: self,
    targets: announceTargets,
    timing,
    legacy,
    onPeer: emitPeer,
    // Nothing waiting goes to a peer whose key changed until the user accepts it.
    onEntry: (peer) => {
      if (keys.awaitsAcceptance(peer.id)) return;
      parts.messaging.flushOutbox(peer.id);
      parts.pigeonGroups.peerBack(peer.id);
    },
    talksWith: (peerId) => store.conversations.get(peerId) !== undefined,
    onAvatar: (peer, hash) => parts.avatars.peerNamed(peer, hash),
    encrypts: () => parts.ipmsgKeys.ready,
    keyLines: (header) => entryKeyLines(keys.own(), header, Date.now()) + context.sessionLine(),
  });
  parts.messaging = new Messaging({
    sender: parts.sender,
    packets,
    directory: directory,
    history: store.messages,
    conversations: store.conversations,
    outbox: store.outbox,
    timing,
    announcer,
    onPeerSeen: (peer, isNew) => {
      emitPeer(peer);
      if (isNew) parts.discovery.askWhoIs(peer);
    },
    onPeerSilent: (peer) => parts.discovery.introduceTo(peer),
    ipmsgKeys: parts.ipmsgKeys,
    writes: new WriteGroup((work) => store.messages.atomically(work), {
      onError: (error) => {
        // A full disk is told once by its own notice; the messages it refused were not acknowledged.
        if (isDiskFull(error)) return;
        emit({
          type: 'notice',
          level: 'warning',
          code: 'packet-error',
          message: `Could not finish storing received messages (${String(error)}).`,
        });
      },
    }),
    offers: {
      read: (offer) => parts.transfers.readOffer(offer),
      keep: (transfer, messageId) => parts.transfers.keepOffer(transfer, messageId),
    },
  });
  parts.transfers = new TransferService({
    store,
    sender: parts.sender,
    packets,
    peer: (peerId) => directory.get(peerId),
    requester,
    port,
    bindAddress: options.bindAddress ?? '0.0.0.0',
    legacy,
    downloadDir: downloadDir,
    receivePolicy: context.receivePolicy,
    imagesDir: () => options.imagesDir ?? path.join(downloadDir(), 'images'),
    avatar: (hash) => parts.avatars.served(hash),
    binding: transferBinding({ keys, peersAt: (address) => directory.idsAt(address) }),
    emit: emit,
    announcer,
  });
  parts.sealed = new SealedMessages({
    packets,
    directory: directory,
    history: store.messages,
    conversations: store.conversations,
    announcer,
  });
  parts.courtesy = new Courtesy({
    packets,
    sender: parts.sender,
    directory: directory,
    awayMessage: () =>
      self().status === 'away' && self().autoReply ? self().autoReply : undefined,
    emit: emit,
    now: Date.now,
  });
  parts.plain = new PlainContacts({
    repo: new PlainContactsRepo(store.db),
    history: store.messages,
    conversations: store.conversations,
    announcer,
    emit: emit,
    bindAddress: options.bindAddress ?? '0.0.0.0',
  });
  const book = new GroupBook({ repo: store.groups, emit });
  const mac = ownMac(`${self().user}@${self().host}`);
  const feiq = new FeiqGroups({
    book,
    receive: (message, from) => parts.messaging.received(message, from),
    multicast: context.multicast,
    identity: () => ({ mac, user: self().user, host: self().host }),
    nextPacketNo: () => packets.nextPacketNo(),
    now: Date.now,
  });
  parts.pigeonGroups = new PigeonGroups({
    book,
    repo: store.pigeonGroups,
    directory,
    sender: parts.sender,
    packets,
    history: store.messages,
    announcer,
    self: () => ({ id: `${self().user}@${self().host}`, nickname: self().nickname }),
    sendOneToOne: (peerId, text) => parts.messaging.send(peerId, text),
    awaitsAcceptance: (peerId) => keys.awaitsAcceptance(peerId),
    now: Date.now,
  });
  parts.groups = new Groups({
    book,
    feiq,
    pigeon: parts.pigeonGroups,
    directory,
    packets,
    history: store.messages,
    announcer,
    receive: (message, from) => parts.messaging.received(message, from),
    sendOneToOne: (peerId, text) => parts.messaging.send(peerId, text),
    legacy,
    selfName: () => self().nickname,
    ownEntryEncoding: () => entryEncoding(self(), legacy),
    now: Date.now,
  });
  parts.recalls = new Recalls({
    packets,
    directory,
    db: store.db,
    history: store.messages,
    conversations: store.conversations,
    announcer,
    now: Date.now,
    retryMs: timing.retryIntervalMs,
    tries: timing.maxRetries + 1,
  });
  parts.unsupported = new UnsupportedNotices({
    directory,
    tell: (peerId, what, at) => emit({ type: 'unsupported', peerId, what, at }),
    now: Date.now,
  });
  parts.shakes = new Shakes({
    packets,
    directory,
    history: store.messages,
    announcer,
    emit,
    now: Date.now,
  });
  parts.routes = packetRoutes({ ...parts, legacy });
  return parts;
}
