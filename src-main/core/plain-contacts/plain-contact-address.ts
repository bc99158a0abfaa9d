// Where a plain contact lives: the host the user typed (an IPv4 address or a
// computer name), checked, and turned into an address through the system resolver.
import {
  ContractError,
  type PlainConnection,
  type PlainContactRequest,
  type PlainEncoding,
  type PlainProtocol,
  type PlainWhenDisconnected,
} from '../../../src-shared/contract';
import { resolveHostName, type LookupFn } from '../net/host-lookup';
import { parseHostInput } from '../net/host-ranges';
import { isPlainUdpEncoding } from '../store/records/plain-contact-record';

/**
 * The id of a plain contact, and of its conversation: by protocol and the program's
 * host:port, or for a TCP contact that waits, by the one local port it listens on.
 */
export function plainContactId(contact: {
  protocol: PlainProtocol;
  connection: PlainConnection;
  host: string;
  port: number;
}): string {
  const { protocol, connection, host, port } = contact;
  if (protocol === 'udp') return `udp:${host}:${port}`;
  return connection === 'listen' ? `tcp-listen:${port}` : `tcp:${host}:${port}`;
}

export const isPlainContactId = (id: string): boolean => /^(?:udp|tcp|tcp-listen):/.test(id);

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

export interface CheckedPlainContact {
  host: string;
  /** The program's port; for a TCP contact that waits, the local port. */
  port: number;
  encoding: PlainEncoding;
  localPort: number;
  protocol: PlainProtocol;
  connection: PlainConnection;
  lineBased: boolean;
  whenDisconnected: PlainWhenDisconnected;
}

const refuse = (message: string): never => {
  throw new ContractError('invalid-request', message);
};

/**
 * A request to add a contact, checked again in the core (it may come from elsewhere
 * than the IPC schema): ContractError in plain words for anything out of range.
 */
export function checkPlainContactRequest(request: PlainContactRequest): CheckedPlainContact {
  const protocol = request.protocol ?? 'udp';
  const connection = protocol === 'tcp' ? (request.connection ?? 'connect') : 'connect';
  const waits = connection === 'listen';
  // Only a TCP contact that waits may leave the host empty: any program may connect.
  const host = waits && request.host.trim() === '' ? '' : normalizeHost(request.host);
  const localPort = request.localPort ?? 0;
  if (!isPlainUdpEncoding(request.encoding)) refuse('The encoding must be UTF-8 or GBK.');
  if (waits) {
    if (!isPort(localPort, 1)) {
      refuse('The local port to wait on must be a whole number from 1 to 65535.');
    }
  } else {
    if (!isPort(request.port, 1)) refuse('The port must be a whole number from 1 to 65535.');
    if (!isPort(localPort, 0)) {
      refuse(
        'The local port must be a whole number from 1 to 65535, or empty to let the system pick one.',
      );
    }
  }
  return {
    host,
    port: waits ? localPort : (request.port as number),
    encoding: request.encoding,
    localPort: protocol === 'tcp' && !waits ? 0 : localPort,
    protocol,
    connection,
    lineBased: protocol === 'tcp' && request.lineBased === true,
    whenDisconnected: request.whenDisconnected ?? 'queue',
  };
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

/** A contact in words: "UDP 10.0.0.5:3001", "TCP 10.0.0.5:9999", "TCP waiting on port 9000". */
export function describePlainContact(contact: {
  protocol: PlainProtocol;
  connection: PlainConnection;
  host: string;
  port: number;
}): string {
  const { protocol, connection, host, port } = contact;
  if (protocol === 'tcp' && connection === 'listen') return `TCP waiting on port ${port}`;
  return `${protocol.toUpperCase()} ${host}:${port}`;
}
