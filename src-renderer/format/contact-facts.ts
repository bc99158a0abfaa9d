import type { PeerDTO } from '../../src-shared/contract';
import { plainContactPlace } from './plain-contact';

/**
 * The second line of a contact row. FeiQ users tell colleagues apart by address and
 * computer name, so that is what it shows; a signature or status text from the peer
 * would go here first, in this one place.
 */
export function contactSecondLine(peer: PeerDTO): string {
  if (peer.plain) return plainContactPlace(peer.plain);
  const host = peer.host.trim();
  return host && host !== peer.address ? `${peer.address} · ${host}` : peer.address;
}

/** Everything about a contact in one hover text: full name, nickname, login, address, client. */
export function contactTooltip(peer: PeerDTO, name: string, clientName: string): string {
  const lines = [name];
  if (peer.nickname.trim() && peer.nickname.trim() !== name) lines.push(peer.nickname.trim());
  lines.push(
    peer.plain
      ? plainContactPlace(peer.plain)
      : `${peer.user}@${peer.host} · ${peer.address}:${peer.port}`,
  );
  if (clientName) lines.push(clientName);
  return lines.join('\n');
}
