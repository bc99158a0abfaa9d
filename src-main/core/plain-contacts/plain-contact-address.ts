// Where a plain UDP contact lives: the host the user typed (an IPv4 address or a
// computer name), checked, and turned into an address through the system resolver.
import {
  ContractError,
  type PlainContactRequest,
  type PlainEncoding,
} from '../../../src-shared/contract';
import { resolveHostName, type LookupFn } from '../net/host-lookup';
import { parseHostInput } from '../net/host-ranges';
import { isPlainUdpEncoding } from '../store/records/plain-contact-record';

/** The id of a plain contact, and of its conversation. */
export const plainContactId = (host: string, port: number): string => `udp:${host}:${port}`;

export const isPlainContactId = (id: string): boolean => id.startsWith('udp:');

/**
 * The host as it is stored (trimmed, lower case: names are case-insensitive, so
 * "Printer" and "printer" are one contact). Throws ContractError for anything that
 * is neither an IPv4 address nor a computer name.
 */
export function normalizeHost(input: string): string {
  const host = input.trim().toLowerCase();
  if (host.includes(':')) {
    throw new ContractError(
      'invalid-request',
      `"${input.trim()}": enter only the address or name here; the port has its own field.`,
    );
  }
  const parsed = parseHostInput(host, 1);
  if (!parsed.ok) throw new ContractError('invalid-request', parsed.error);
  if (parsed.value.kind === 'address' && /^(?:0|22[4-9]|2[3-5]\d)\./.test(host)) {
    throw new ContractError(
      'invalid-request',
      `"${host}" is not the address of one computer (0.x.x.x, multicast and broadcast addresses cannot be contacts).`,
    );
  }
  return host;
}

const isPort = (value: unknown, min: number): value is number =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= 65535;

/**
 * A request to add a contact, checked again in the core (it may come from elsewhere
 * than the IPC schema): ContractError in plain words for anything out of range.
 */
export function checkPlainContactRequest(request: PlainContactRequest): {
  host: string;
  port: number;
  encoding: PlainEncoding;
  localPort: number;
} {
  const host = normalizeHost(request.host);
  const localPort = request.localPort ?? 0;
  if (!isPort(request.port, 1)) {
    throw new ContractError('invalid-request', 'The port must be a whole number from 1 to 65535.');
  }
  if (!isPort(localPort, 0)) {
    throw new ContractError(
      'invalid-request',
      'The local port must be a whole number from 1 to 65535, or empty to let the system pick one.',
    );
  }
  if (!isPlainUdpEncoding(request.encoding)) {
    throw new ContractError('invalid-request', 'The encoding must be UTF-8 or GBK.');
  }
  return { host, port: request.port, encoding: request.encoding, localPort };
}

export interface ResolveContactOptions {
  lookup?: LookupFn;
  timeoutMs?: number;
}

/** The IPv4 address to talk to; a name resolves to its first address. */
export async function resolveContactHost(
  host: string,
  options: ResolveContactOptions = {},
): Promise<{ ok: true; address: string } | { ok: false; error: string }> {
  const parsed = parseHostInput(host, 1);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  if (parsed.value.kind === 'address') return { ok: true, address: parsed.value.address };
  const resolved = await resolveHostName(parsed.value.name, options);
  if (!resolved.ok) return { ok: false, error: resolved.error };
  return { ok: true, address: resolved.value[0]! };
}
