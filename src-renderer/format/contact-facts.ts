import type { PeerDTO } from '../../src-shared/contract';
import { plainContactPlace } from './plain-contact';

/**
 * The second line of a contact row: the peer's personal signature (个性签名) when it
 * announced one; otherwise address and computer name, which FeiQ users tell colleagues
 * apart by (the hover text always has them).
 */
export function contactSecondLine(peer: PeerDTO): string {
  if (peer.plain) return plainContactPlace(peer.plain);
  if (peer.signature) return peer.signature;
  const host = peer.host.trim();
  return host && host !== peer.address ? `${peer.address} · ${host}` : peer.address;
}

/** Everything about a contact in one hover text: full name, nickname, login, address, client. */
export function contactTooltip(peer: PeerDTO, name: string, clientName: string): string {
  const lines = [name];
  if (peer.nickname.trim() && peer.nickname.trim() !== name) lines.push(peer.nickname.trim());
  if (peer.signature) lines.push(peer.signature);
  lines.push(
    peer.plain
      ? plainContactPlace(peer.plain)
      : `${peer.user}@${peer.host} · ${peer.address}:${peer.port}`,
  );
  if (clientName) lines.push(clientName);
  return lines.join('\n');
}
