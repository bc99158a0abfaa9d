import type { Endpoint } from '../net/endpoint';
import type { EntryReader } from './own-entry';
import type { PeerRecord } from './peer-directory';

/**
 * Where a presence change goes: every online peer (with what it can read), then the
 * broadcast targets and listed hosts, each address once. Peers come first, so a listed
 * host that is also a known peer gets its capabilities.
 */
export function presenceTargets(
  peers: readonly PeerRecord[],
  targets: readonly Endpoint[],
): (Endpoint & EntryReader)[] {
  const seen = new Set<string>();
  const result: (Endpoint & EntryReader)[] = [];
  const online = peers.filter((p) => p.status !== 'offline');
  for (const target of [...online, ...targets]) {
    const key = `${target.address}:${target.port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { capabilities, client } = target as EntryReader;
    result.push({ address: target.address, port: target.port, capabilities, client });
  }
  return result;
}
