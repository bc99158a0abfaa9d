import type { MessengerOptions } from '../options';
import { parseHostInput } from './host-ranges';
import { listIpv4Interfaces } from './interfaces';
import type { Endpoint } from './endpoint';

/** `a.b.c.d` or `a.b.c.d:port` (no names: broadcast addresses are never looked up). */
export function parseHostEntry(entry: string, defaultPort: number): Endpoint | undefined {
  const parsed = parseHostInput(entry, defaultPort);
  if (!parsed.ok || parsed.value.kind !== 'address') return undefined;
  return { address: parsed.value.address, port: parsed.value.port };
}

/**
 * Where BR_ENTRY goes: the limited broadcast, each interface's directed broadcast,
 * extra broadcast addresses, and the explicit host list (for other subnets and loopback).
 */
export function announceTargets(
  options: Pick<MessengerOptions, 'broadcast' | 'broadcastAddresses'>,
  port: number,
  hosts: readonly Endpoint[] = [],
): Endpoint[] {
  const targets: Endpoint[] = [];
  const seen = new Set<string>();
  const add = (endpoint: Endpoint | undefined): void => {
    if (!endpoint) return;
    const key = `${endpoint.address}:${endpoint.port}`;
    if (seen.has(key)) return;
    seen.add(key);
    targets.push(endpoint);
  };
  if (options.broadcast !== false) {
    add({ address: '255.255.255.255', port });
    for (const iface of listIpv4Interfaces()) add({ address: iface.broadcast, port });
  }
  for (const address of options.broadcastAddresses ?? []) add(parseHostEntry(address, port));
  for (const endpoint of hosts) add(endpoint);
  return targets;
}
