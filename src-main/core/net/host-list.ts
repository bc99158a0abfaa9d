import type { Endpoint } from './endpoint';
import { resolveHostInput, type LookupFn } from './host-lookup';
import {
  expandRanges,
  MAX_SCAN_ADDRESSES,
  parseAddressRange,
  parseHostInput,
  type AddressRange,
  type HostInput,
} from './host-ranges';

export type HostListEntry =
  { kind: 'host'; host: HostInput } | { kind: 'range'; range: AddressRange };

/**
 * Read one entry of the user's host list: an address (`10.0.2.7[:port]`), a computer
 * name (`office-pc[:port]`), or a range to scan as iptux does (`10.0.2.1-10.0.2.254`,
 * `10.0.2.0/24`). Returns a plain-words error for anything else.
 */
export function parseHostListEntry(
  text: string,
  port: number,
): { ok: true; value: HostListEntry } | { ok: false; error: string } {
  if (/[-/]/.test(text) && /^[\d.\s/-]+$/.test(text)) {
    const range = parseAddressRange(text);
    return range.ok ? { ok: true, value: { kind: 'range', range: range.value } } : range;
  }
  const host = parseHostInput(text, port);
  return host.ok ? { ok: true, value: { kind: 'host', host: host.value } } : host;
}

/**
 * The hosts Pigeon reaches by unicast (other subnets, loopback): addresses as given,
 * ranges expanded (at most MAX_SCAN_ADDRESSES in all), names as last resolved.
 */
export class HostList {
  private entries: HostListEntry[] = [];
  private readonly resolved = new Map<string, Endpoint[]>();

  constructor(
    private readonly port: number,
    private readonly lookup?: LookupFn,
  ) {}

  /** Replace the list; entries that do not parse are skipped (they were validated before). */
  set(texts: readonly string[]): void {
    this.entries = texts.flatMap((text) => {
      const parsed = parseHostListEntry(text, this.port);
      return parsed.ok ? [parsed.value] : [];
    });
  }

  endpoints(): Endpoint[] {
    const result: Endpoint[] = [];
    const ranges: AddressRange[] = [];
    for (const entry of this.entries) {
      if (entry.kind === 'range') ranges.push(entry.range);
      else if (entry.host.kind === 'address')
        result.push({ address: entry.host.address, port: entry.host.port });
      else result.push(...(this.resolved.get(entry.host.name) ?? []));
    }
    const expanded = expandRanges(ranges, MAX_SCAN_ADDRESSES);
    if (expanded.ok)
      for (const address of expanded.value) result.push({ address, port: this.port });
    return result;
  }

  /** Look the names up again; resolves with the endpoints found (a name not found is skipped). */
  async resolveNames(): Promise<Endpoint[]> {
    const found: Endpoint[] = [];
    await Promise.all(
      this.entries.map(async (entry) => {
        if (entry.kind !== 'host' || entry.host.kind !== 'name') return;
        const result = await resolveHostInput(entry.host, { lookup: this.lookup });
        if (!result.ok) return;
        this.resolved.set(entry.host.name, result.value);
        found.push(...result.value);
      }),
    );
    return found;
  }
}
