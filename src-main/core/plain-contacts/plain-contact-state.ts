// What Pigeon holds for one plain contact (UDP or TCP) while running, and how it shows.
import type {
  MessageDTO,
  PeerDTO,
  PlainContactDTO,
  PlainLinkDTO,
} from '../../../src-shared/contract';
import type { SavedPlainContact } from '../store/records/plain-contact-record';
import type { PlainTcpChannel } from './plain-tcp-channel';
import type { PlainUdpChannel } from './plain-udp-channel';

export interface PlainContact {
  saved: SavedPlainContact;
  /** The resolved address, once known. */
  address?: string;
  /** UDP: the contact's socket. */
  channel?: PlainUdpChannel;
  /** TCP: the contact's connection, in its role. */
  tcp?: PlainTcpChannel;
  /** TCP: where the connection stands, as last reported. */
  link?: Omit<PlainLinkDTO, 'queued'>;
  /** TCP: messages typed while not connected, sent in order on connect. */
  waiting: MessageDTO[];
  /** Why the contact cannot be reached now, in plain words. */
  problem?: string;
  /** Sends to one contact go out one after another, so long texts never interleave. */
  queue: Promise<void>;
}

export const newPlainContact = (saved: SavedPlainContact): PlainContact => ({
  saved,
  waiting: [],
  queue: Promise.resolve(),
});

/** Whether the contact can carry text now: UDP while its socket is open, TCP while connected. */
export function isReachable(contact: PlainContact): boolean {
  return contact.saved.protocol === 'tcp'
    ? contact.tcp?.isConnected === true
    : contact.channel?.isOpen === true;
}

/** How a plain contact shows in the contact list: online while it can carry text. */
export function toPeer(contact: PlainContact): PeerDTO {
  const { saved, channel, problem } = contact;
  const tcp = saved.protocol === 'tcp';
  const open = isReachable(contact);
  const plain: PlainContactDTO = {
    host: saved.host,
    port: saved.port,
    encoding: saved.encoding,
    localPort: tcp
      ? saved.connection === 'listen'
        ? saved.port
        : 0
      : (channel?.local?.port ?? (saved.localPort || saved.boundPort)),
    protocol: saved.protocol,
  };
  if (tcp) {
    plain.connection = saved.connection;
    plain.lineBased = saved.lineBased;
    plain.whenDisconnected = saved.whenDisconnected;
    plain.link = { ...(contact.link ?? { state: 'closed' }), queued: contact.waiting.length };
  }
  if (!open && problem !== undefined) plain.problem = problem;
  const peer: PeerDTO = {
    id: saved.id,
    nickname: saved.nickname || defaultName(contact),
    group: '',
    user: '',
    host: saved.host,
    address: contact.address ?? '',
    port: saved.port,
    status: open ? 'online' : 'offline',
    client: saved.protocol,
    version: '',
    lastSeen: saved.lastSeen,
    plain,
  };
  return peer;
}

function defaultName({ saved }: PlainContact): string {
  if (saved.protocol === 'tcp' && saved.connection === 'listen') {
    return saved.host ? `${saved.host} → :${saved.port}` : `:${saved.port}`;
  }
  return `${saved.host}:${saved.port}`;
}
