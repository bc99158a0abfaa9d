import type { PeerDTO } from '../../src-shared/contract';
import { plainContactPlace } from './plain-contact';

export interface DistinctWords {
  /** "Bob (10.0.0.2)": a name another contact also carries, with the address. */
  sameName(name: string, address: string): string;
  unverified: string;
}

/**
 * The names a list shows, told apart: two contacts called "Bob" each get their address,
 * and a contact that claimed another's identity says it is unverified, in the name
 * itself so the row's accessible name carries it too.
 */
export function distinctNames(
  named: readonly { peer: PeerDTO; name: string }[],
  words: DistinctWords,
): Map<string, string> {
  const counts = new Map<string, number>();
  for (const { name } of named) counts.set(name, (counts.get(name) ?? 0) + 1);
  const result = new Map<string, string>();
  for (const { peer, name } of named) {
    let shown = (counts.get(name) ?? 0) > 1 ? words.sameName(name, whereIs(peer)) : name;
    if (peer.unverified) shown = `${shown} · ${words.unverified}`;
    result.set(peer.id, shown);
  }
  return result;
}

/** What tells two same-named contacts apart: a plain contact's host and port (a waiting
 *  one has no address), anyone else's address. */
function whereIs(peer: PeerDTO): string {
  if (peer.plain) return plainContactPlace(peer.plain);
  return peer.address || peer.id;
}
