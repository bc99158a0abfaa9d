import type {
  PlainConnection,
  PlainEncoding,
  PlainProtocol,
  PlainWhenDisconnected,
} from '../../../../src-shared/contract';

/** Whether a stored row (or a request) names an encoding a plain contact may use. */
export function isPlainUdpEncoding(value: unknown): value is PlainEncoding {
  return value === 'utf8' || value === 'gbk';
}

export const isPlainProtocol = (value: unknown): value is PlainProtocol =>
  value === 'udp' || value === 'tcp';

export const isPlainConnection = (value: unknown): value is PlainConnection =>
  value === 'connect' || value === 'listen';

export const isPlainWhenDisconnected = (value: unknown): value is PlainWhenDisconnected =>
  value === 'queue' || value === 'refuse';

/** A plain contact as the user added it (see migrations 006 and 008). */
export interface SavedPlainContact {
  /** `udp:<host>:<port>`, `tcp:<host>:<port>` or `tcp-listen:<local port>`; also its conversation's id. */
  id: string;
  /** As the user typed it (lower case): an IPv4 address or a host name; '' for any (TCP listen only). */
  host: string;
  /** The program's port; for a TCP contact that waits, the local port again. */
  port: number;
  encoding: PlainEncoding;
  /** The local port the user chose; 0 lets the system pick one. */
  localPort: number;
  /** The local port last bound (0: never), tried first when localPort is 0. */
  boundPort: number;
  /** '' when the user gave none. */
  nickname: string;
  addedAt: number;
  /** When something last came from the contact (0: never). */
  lastSeen: number;
  protocol: PlainProtocol;
  /** TCP only: Pigeon connects to the program, or waits for it to connect. */
  connection: PlainConnection;
  /** TCP only: end each message with a newline; show what arrives line by line. */
  lineBased: boolean;
  /** TCP only: what typed text does while not connected. */
  whenDisconnected: PlainWhenDisconnected;
}
