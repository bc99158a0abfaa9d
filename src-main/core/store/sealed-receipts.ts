import type { MessageDTO } from '../../../src-shared/contract';
import type { PigeonDatabase } from './database';

// Each write changes a row only the first time, so a repeated READMSG or a second
// click on "open" changes nothing and reports nothing.
const OPEN = `UPDATE messages SET read_at = ?
  WHERE id = ? AND direction = 'in' AND sealed = 1 AND read_at IS NULL`;
// The number may be the message's current one (messages_by_packet, migration 1) or one
// it went out with before a resend (earlier_sealed_packets, migration 7): two index seeks.
const READ_BY_PEER = `UPDATE messages SET read_at = @at
  WHERE direction = 'out' AND sealed = 1 AND read_at IS NULL AND id IN (
    SELECT id FROM messages WHERE peer_id = @peerId AND packet_no = @packetNo
    UNION ALL
    SELECT message_id FROM earlier_sealed_packets WHERE peer_id = @peerId AND packet_no = @packetNo)
  RETURNING id`;
const RECEIPT_OF = `SELECT packet_no, peer_id, read_check FROM messages
  WHERE id = ? AND direction = 'in' AND sealed = 1`;

/** What the sender of a sealed message needs to hear when it is opened. */
export interface ReadReceipt {
  peerId: string;
  /** The packet number the message came with: the READMSG's extra. */
  packetNo: number;
  /** The sender asked for the READMSG to be confirmed (and so retried until it is). */
  readCheck: boolean;
}

/** The sealed-message columns of `messages` (migration 5). */
export class SealedReceipts {
  constructor(
    private readonly db: PigeonDatabase,
    private readonly get: (id: string) => MessageDTO | undefined,
  ) {}

  /**
   * Open a sealed message we received. Returns it with its text, or undefined when
   * it is not a sealed incoming message; `opened` is false if it was open already.
   */
  open(id: string, at: number): { message: MessageDTO; opened: boolean } | undefined {
    const changes = this.db.run(() => this.db.statement(OPEN).run(at, id).changes);
    const message = this.get(id);
    if (!message || message.direction !== 'in' || message.sealed !== true) return undefined;
    return { message, opened: changes > 0 };
  }

  /**
   * The peer opened what we sent with `packetNo` (now or before a resend): returns the
   * message, now with readAt, or undefined if there is no such unread sealed message (a repeat).
   */
  readByPeer(peerId: string, packetNo: number, at: number): MessageDTO | undefined {
    const row = this.db.run(
      () =>
        this.db.statement(READ_BY_PEER).get({ at, peerId, packetNo }) as { id: string } | undefined,
    );
    return row && this.get(row.id);
  }

  /** Where the READMSG for a received sealed message goes, if it came with a packet number. */
  receiptOf(id: string): ReadReceipt | undefined {
    const row = this.db.run(
      () =>
        this.db.statement(RECEIPT_OF).get(id) as
          { packet_no: number | null; peer_id: string; read_check: number } | undefined,
    );
    if (!row || row.packet_no === null) return undefined;
    return { peerId: row.peer_id, packetNo: row.packet_no, readCheck: row.read_check === 1 };
  }
}
