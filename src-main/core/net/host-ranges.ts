// What the user types to reach peers on other subnets: one host by IP or name, or an
// address range to probe, written as iptux's `scan_net_segment` (first-last) or CIDR.
// Pure parsing: names are resolved in host-lookup.ts.
import { isIpv4 } from './interfaces';

/** The most addresses Pigeon probes in all (a /20): more would flood the network. */
export const MAX_SCAN_ADDRESSES = 4096;

export interface AddressRange {
  /** First and last address, inclusive. */
  first: string;
  last: string;
  /** How many addresses it holds. */
  size: number;
}

export type RangeErrorCode = 'malformed' | 'reversed' | 'not-unicast' | 'too-many';
export type HostErrorCode = 'malformed' | 'bad-address' | 'bad-port';

export type Parsed<T, C extends string> =
  { ok: true; value: T } | { ok: false; code: C; error: string };

/** A host the user added: an address, or a name still to be resolved. */
export type HostInput =
  { kind: 'address'; address: string; port: number } | { kind: 'name'; name: string; port: number };

export function ipv4ToNumber(text: string): number | undefined {
  if (!isIpv4(text)) return undefined;
  return text.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

export function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => String(Math.floor(value / 2 ** shift) % 256)).join('.');
}

const THIS_NETWORK_END = 2 ** 24; // 0.x.x.x means "this network": never a peer
const MULTICAST_START = 224 * 2 ** 24; // 224.0.0.0 and up: multicast, reserved, broadcast

function fail<C extends string>(code: C, error: string): { ok: false; code: C; error: string } {
  return { ok: false, code, error };
}

function checkedRange(
  first: number,
  last: number,
  text: string,
): Parsed<AddressRange, RangeErrorCode> {
  if (first > last) {
    return fail('reversed', `"${text}": the first address comes after the last one.`);
  }
  if (first < THIS_NETWORK_END || last >= MULTICAST_START) {
    return fail(
      'not-unicast',
      `"${text}" reaches 0.x.x.x or multicast/broadcast addresses (224.0.0.0 and up); only ordinary host addresses can be probed.`,
    );
  }
  const size = last - first + 1;
  if (size > MAX_SCAN_ADDRESSES) {
    return fail(
      'too-many',
      `"${text}" covers ${size} addresses; at most ${MAX_SCAN_ADDRESSES} (a /20) can be probed. Use a smaller range, e.g. one /24 per office floor.`,
    );
  }
  return { ok: true, value: { first: numberToIpv4(first), last: numberToIpv4(last), size } };
}

/**
 * Reads `10.0.1.1-10.0.1.254`, the short form `10.0.1.1-254`, CIDR `10.0.1.0/24`
 * (network and broadcast addresses left out below /31), or a single address.
 */
export function parseAddressRange(input: string): Parsed<AddressRange, RangeErrorCode> {
  const text = input.trim();
  const dash = /^([\d.]+)\s*[-–~]\s*([\d.]+)$/.exec(text);
  if (dash) {
    const first = ipv4ToNumber(dash[1] ?? '');
    let lastText = dash[2] ?? '';
    if (first !== undefined && /^\d{1,3}$/.test(lastText)) {
      // Short form: only the last part of the address changes.
      lastText = `${(dash[1] ?? '').split('.').slice(0, 3).join('.')}.${lastText}`;
    }
    const last = ipv4ToNumber(lastText);
    if (first === undefined || last === undefined) {
      return fail('malformed', `"${text}" is not a range like 10.0.1.1-10.0.1.254.`);
    }
    return checkedRange(first, last, text);
  }
  const cidr = /^([\d.]+)\/(\d{1,2})$/.exec(text);
  if (cidr) {
    const base = ipv4ToNumber(cidr[1] ?? '');
    const bits = Number(cidr[2]);
    if (base === undefined || bits > 32) {
      return fail('malformed', `"${text}" is not a network like 10.0.1.0/24.`);
    }
    const block = 2 ** (32 - bits);
    const network = base - (base % block);
    // Below /31 the first and last addresses are the network and its broadcast.
    const inner = bits <= 30 ? 1 : 0;
    return checkedRange(network + inner, network + block - 1 - inner, text);
  }
  const single = ipv4ToNumber(text);
  if (single !== undefined) return checkedRange(single, single, text);
  return fail(
    'malformed',
    `"${text}" is not an address range: write 10.0.1.1-10.0.1.254 or 10.0.1.0/24.`,
  );
}

/** Reads one entry of iptux's `scan_net_segment`: `{ startip, endip, description }`. */
export function rangeFromIptuxSegment(segment: unknown): Parsed<AddressRange, RangeErrorCode> {
  const entry = (typeof segment === 'object' && segment !== null ? segment : {}) as Record<
    string,
    unknown
  >;
  const { startip, endip } = entry;
  if (typeof startip !== 'string' || typeof endip !== 'string') {
    return fail('malformed', 'A scan segment needs "startip" and "endip".');
  }
  return parseAddressRange(`${startip}-${endip}`);
}

/**
 * Every address of the ranges, each once, in order of first appearance; refused if
 * the total passes `cap`.
 */
export function expandRanges(
  ranges: readonly AddressRange[],
  cap: number = MAX_SCAN_ADDRESSES,
): Parsed<string[], 'too-many'> {
  const seen = new Set<number>();
  const addresses: string[] = [];
  for (const range of ranges) {
    const first = ipv4ToNumber(range.first) ?? 0;
    const last = ipv4ToNumber(range.last) ?? -1;
    for (let n = first; n <= last; n++) {
      if (seen.has(n)) continue;
      seen.add(n);
      if (addresses.length >= cap) {
        return fail(
          'too-many',
          `The ranges cover more than ${cap} addresses together; remove some or make them smaller.`,
        );
      }
      addresses.push(numberToIpv4(n));
    }
  }
  return { ok: true, value: addresses };
}

// A computer name as Windows and DNS allow it, Chinese names included: letters, digits,
// '-', '_' in dot-separated labels. No spaces, ':', '/', or control characters.
const HOST_NAME =
  /^(?=.{1,253}$)[\p{L}\p{N}_][\p{L}\p{N}_-]{0,62}(?:\.[\p{L}\p{N}_][\p{L}\p{N}_-]{0,62})*\.?$/u;

/** Reads "10.0.2.7", "10.0.2.7:2426", "office-pc", "财务-pc.local:2425". */
export function parseHostInput(
  input: string,
  defaultPort = 2425,
): Parsed<HostInput, HostErrorCode> {
  const text = input.trim();
  const match = /^(.*?)(?::(\d*))?$/.exec(text);
  const host = match?.[1] ?? '';
  const portText = match?.[2];
  if (host === '') return fail('malformed', 'Enter an IP address or a computer name.');
  let port = defaultPort;
  if (portText !== undefined) {
    port = Number(portText);
    if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65535) {
      return fail('bad-port', `"${text}": the port must be a number from 1 to 65535.`);
    }
  }
  if (/^[\d.]+$/.test(host)) {
    return isIpv4(host)
      ? { ok: true, value: { kind: 'address', address: host, port } }
      : fail('bad-address', `"${host}" is not a valid IPv4 address (like 192.168.1.20).`);
  }
  if (!HOST_NAME.test(host)) {
    return fail('malformed', `"${host}" is neither an IPv4 address nor a computer name.`);
  }
  return { ok: true, value: { kind: 'name', name: host, port } };
}
