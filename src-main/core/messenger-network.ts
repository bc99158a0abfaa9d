// The messenger's way to the network: the UDP socket, the intake that parses and filters
// each datagram, and the PacketSender that builds packets with our name on them. Built apart from
// the facade (messenger.ts) so the facade holds commands and state only.
import type { PigeonEvent, SelfDTO } from '../../src-shared/contract';
import { pigeonVersionString } from './ipmsg/client';
import type { Packet } from './ipmsg/packet';
import { PacketNumberer } from './ipmsg/packet-number';
import { unpredictableNumbering } from './ipmsg/unpredictable-numbering';
import type { LegacyEncoding } from './ipmsg/text';
import { createDatagramIntake } from './net/datagram-intake';
import type { NetworkStats } from './net/network-stats';
import { RateLimiter } from './net/rate-limiter';
import { UdpTransport, type Datagram } from './net/udp-transport';
import type { MessengerOptions } from './options';
import { PIGEON_APP_VERSION } from './version';
import type { Endpoint } from './net/endpoint';
import { PacketSender } from './net/packet-sender';
import { isDiskFull } from './store/disk-full-watch';

/** Presence datagrams from one address: far above a real host's, far below a flood's. */
const PRESENCE_PER_SECOND = 50;
const PRESENCE_BURST = 200;

export interface NetworkContext {
  options: MessengerOptions;
  port: number;
  legacy: LegacyEncoding;
  self: SelfDTO;
  stats: NetworkStats;
  /** The highest packet number already in the history: new ones start above it. */
  highestSentPacketNo: number;
  isOwn: (packet: Packet, datagram: Datagram) => boolean;
  dispatch: (packet: Packet, from: Endpoint) => boolean;
  /** A datagram over its sender's rate limit was dropped. */
  onRefused?: (from: Endpoint) => void;
  /** After every datagram (counters changed). */
  onDatagram: () => void;
  emit: (event: PigeonEvent) => void;
}

export function openNetwork(context: NetworkContext): {
  transport: UdpTransport;
  packets: PacketSender;
} {
  const { options, port, legacy, self, stats, emit } = context;
  const intake = createDatagramIntake({
    stats,
    limiter: new RateLimiter(options.rateLimit?.perSecond, options.rateLimit?.burst),
    presenceLimiter: new RateLimiter(
      options.presenceLimit?.perSecond ?? PRESENCE_PER_SECOND,
      options.presenceLimit?.burst ?? PRESENCE_BURST,
    ),
    legacy,
    isOwn: context.isOwn,
    dispatch: context.dispatch,
    ...(context.onRefused ? { onRefused: context.onRefused } : {}),
    onFault: (datagram, error) => {
      // A full disk is told once by its own notice (disk-full-notice.ts), not per datagram.
      if (isDiskFull(error)) return;
      // A packet that trips a bug is dropped and counted; the messenger keeps running.
      emit({
        type: 'notice',
        level: 'warning',
        code: 'packet-error',
        message: `Ignored a datagram from ${datagram.address} that could not be handled (${String(error)}).`,
      });
    },
  });
  const transport = new UdpTransport({
    port,
    bindAddress: options.bindAddress ?? '0.0.0.0',
    onDatagram: (datagram) => {
      intake(datagram);
      context.onDatagram();
    },
  });
  const packets = new PacketSender(
    transport,
    { version: pigeonVersionString(PIGEON_APP_VERSION), user: self.user, host: self.host },
    // Above every number already used, even by a run that got ahead of the clock.
    new PacketNumberer(Date.now, context.highestSentPacketNo, unpredictableNumbering()),
    stats,
  );
  return { transport, packets };
}
