import { Mode, modeOf } from '../ipmsg/commands';
import { decodePacket, MAX_DATAGRAM_IN, type Packet } from '../ipmsg/packet';
import type { LegacyEncoding } from '../ipmsg/text';
import type { Endpoint } from './endpoint';
import type { NetworkStats } from './network-stats';
import type { RateLimiter } from './rate-limiter';
import type { Datagram } from './udp-transport';

export interface DatagramIntakeDeps {
  stats: NetworkStats;
  limiter: RateLimiter;
  /**
   * A tighter budget per address for entries, exits and absence notices: a real host sends
   * a handful a minute, while each one a flood makes up becomes a contact and an event.
   */
  presenceLimiter?: RateLimiter;
  legacy: LegacyEncoding;
  /** Our own broadcast comes back to us: recognise it. */
  isOwn: (packet: Packet, datagram: Datagram) => boolean;
  /** Hand a packet to the services; false when no service knows its command. */
  dispatch: (packet: Packet, from: Endpoint) => boolean;
  /** A datagram over its sender's rate limit was dropped (unacknowledged). */
  onRefused?: (from: Endpoint) => void;
  /** A packet that made a service throw (a bug, never the sender's right). */
  onFault: (datagram: Datagram, error: unknown) => void;
}

/**
 * Every datagram passes here first: size cap, per-address rate limit, tolerant
 * decoding, then dispatch. Nothing in a datagram may throw past this point: what
 * cannot be handled is dropped and counted.
 */
export function createDatagramIntake(deps: DatagramIntakeDeps): (datagram: Datagram) => void {
  return (datagram) => {
    deps.stats.received();
    if (datagram.bytes.length > MAX_DATAGRAM_IN) return deps.stats.dropped('oversized');
    if (!deps.limiter.allow(datagram.address)) {
      deps.onRefused?.({ address: datagram.address, port: datagram.port });
      return deps.stats.dropped('rateLimited');
    }
    const decoded = decodePacket(datagram.bytes, { legacyEncoding: deps.legacy });
    if (!decoded.ok) return deps.stats.dropped(decoded.reason);
    if (deps.isOwn(decoded.packet, datagram)) return;
    if (deps.presenceLimiter && isPresence(decoded.packet)) {
      // Per address and port: several IPMsg users on one terminal server, each on its own
      // port, all get in; one flooding socket still meets the budget.
      if (!deps.presenceLimiter.allow(`${datagram.address}:${datagram.port}`)) {
        deps.onRefused?.({ address: datagram.address, port: datagram.port });
        return deps.stats.dropped('rateLimited');
      }
    }
    try {
      const handled = deps.dispatch(decoded.packet, {
        address: datagram.address,
        port: datagram.port,
      });
      if (!handled) deps.stats.dropped('unknownCommand');
    } catch (error) {
      deps.stats.dropped('malformed');
      deps.onFault(datagram, error);
    }
  };
}

function isPresence(packet: Packet): boolean {
  const mode = modeOf(packet.command);
  return (
    mode === Mode.BR_ENTRY ||
    mode === Mode.ANSENTRY ||
    mode === Mode.BR_EXIT ||
    mode === Mode.BR_ABSENCE
  );
}
