// Who may speak for a known peer from another address (discovery/address-claims.ts), joined
// to the messenger: what a claim's outcome shows the user, and where an admitted packet goes.
import type { Endpoint } from './net/endpoint';
import { AddressClaims } from './discovery/address-claims';
import type { Discovery } from './discovery/discovery';
import type { PeerDirectory, PeerRecord } from './discovery/peer-directory';
import type { Packet } from './ipmsg/packet';
import type { KeyBook } from './keys/key-book';
import type { PacketSealing } from './keys/packet-sealing';
import { routePacket, type PacketRoutes } from './packet-routes';
import type { TrustWarnings } from './trust-warnings';

export interface ClaimsWiring {
  directory: PeerDirectory;
  probeMs: number;
  discovery: () => Discovery;
  keys: KeyBook;
  sealing: PacketSealing;
  routes: () => PacketRoutes;
  trustWarnings: TrustWarnings;
  emitPeer: (peer: PeerRecord) => void;
}

export function watchAddressClaims(wiring: ClaimsWiring): AddressClaims {
  const { directory, keys, sealing, trustWarnings } = wiring;
  return new AddressClaims({
    directory,
    probeMs: wiring.probeMs,
    probe: (to: Endpoint) => wiring.discovery().introduceTo(to),
    vouch: (packet: Packet, peerId: string) => keys.vouch(packet, peerId),
    route: (packet, from) => {
      // Opened, or refused when a sealing Pigeon's packet is clear, forged, replayed or altered.
      const opened = sealing.incoming(packet, from);
      if (opened) routePacket(wiring.routes(), opened, from);
    },
    moved: (peer, previous) => {
      wiring.emitPeer(peer);
      trustWarnings.add({
        peerId: peer.id,
        kind: 'address-changed',
        at: Date.now(),
        address: peer.address,
        previousAddress: previous.address,
      });
    },
    impostor: (peer, claimant, impostorId) => {
      const impostor = directory.get(impostorId);
      if (impostor) wiring.emitPeer(impostor);
      trustWarnings.add({
        peerId: peer.id,
        kind: 'impostor',
        address: claimant.address,
        impostorId,
        at: Date.now(),
      });
    },
  });
}
