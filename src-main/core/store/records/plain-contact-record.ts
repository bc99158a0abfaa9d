import type { PlainEncoding } from '../../../../src-shared/contract';

/** Whether a stored row (or a request) names an encoding a plain UDP contact may use. */
export function isPlainUdpEncoding(value: unknown): value is PlainEncoding {
  return value === 'utf8' || value === 'gbk';
}

/** A plain UDP contact as the user added it (see migration 006). */
export interface SavedPlainContact {
  /** `udp:<host>:<port>`, also the id of its conversation. */
  id: string;
  /** As the user typed it (lower case): an IPv4 address or a host name. */
  host: string;
  port: number;
  encoding: PlainEncoding;
  /** The local port the user chose; 0 lets the system pick one. */
  localPort: number;
  /** The local port last bound (0: never), tried first when localPort is 0. */
  boundPort: number;
  /** '' when the user gave none. */
  nickname: string;
  addedAt: number;
  /** When a datagram last came from the contact (0: never). */
  lastSeen: number;
}
