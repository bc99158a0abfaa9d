// What Pigeon holds for one plain UDP contact while running, and how it shows.
import type { PeerDTO, PlainContactDTO } from '../../../src-shared/contract';
import type { SavedPlainContact } from '../store/records/plain-contact-record';
import type { PlainUdpChannel } from './plain-udp-channel';

export interface PlainContact {
  saved: SavedPlainContact;
  /** The resolved address, once known. */
  address?: string;
  channel?: PlainUdpChannel;
  /** Why the contact cannot be reached now, in plain words. */
  problem?: string;
  /** Sends to one contact go out one after another, so long texts never interleave. */
  queue: Promise<void>;
}

/** How a plain contact shows in the contact list: online while its socket is open. */
export function toPeer(contact: PlainContact): PeerDTO {
  const { saved, channel, problem } = contact;
  const open = channel?.isOpen === true;
  const plain: PlainContactDTO = {
    host: saved.host,
    port: saved.port,
    encoding: saved.encoding,
    localPort: channel?.local?.port ?? (saved.localPort || saved.boundPort),
  };
  if (!open && problem !== undefined) plain.problem = problem;
  const peer: PeerDTO = {
    id: saved.id,
    nickname: saved.nickname || `${saved.host}:${saved.port}`,
    group: '',
    user: '',
    host: saved.host,
    address: contact.address ?? '',
    port: saved.port,
    status: open ? 'online' : 'offline',
    client: 'udp',
    version: '',
    lastSeen: saved.lastSeen,
    plain,
  };
  return peer;
}
