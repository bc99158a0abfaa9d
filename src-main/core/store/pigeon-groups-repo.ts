import type { PigeonDatabase } from './database';

/** Where one member's copy of one of our group messages is. */
export type GroupDeliveryState = 'sending' | 'queued' | 'delivered' | 'forwarded';

export interface GroupDelivery {
  messageId: string;
  peerId: string;
  /** Kept for every try, so a member never shows the message twice. */
  packetNo: number;
  state: GroupDeliveryState;
}

interface DeliveryRow {
  message_id: string;
  peer_id: string;
  packet_no: number;
  state: string;
}

const STATES = new Set<string>(['sending', 'queued', 'delivered', 'forwarded']);

const GET_STATE = 'SELECT state FROM groups WHERE id = ?';
const SET_STATE = 'UPDATE groups SET state = ? WHERE id = ?';
const DELIVERY_COLUMNS = 'message_id, peer_id, packet_no, state';
const PUT = `INSERT INTO group_deliveries (${DELIVERY_COLUMNS}) VALUES (?, ?, ?, ?)
  ON CONFLICT (message_id, peer_id) DO UPDATE SET state = excluded.state`;
const OF_MESSAGE = `SELECT ${DELIVERY_COLUMNS} FROM group_deliveries WHERE message_id = ? ORDER BY seq`;
const WAITING = `SELECT ${DELIVERY_COLUMNS} FROM group_deliveries
  WHERE peer_id = ? AND state = 'queued' ORDER BY seq`;

/**
 * What Pigeon groups keep besides the `groups` row: their mergeable state (JSON, parsed
 * by the caller, never trusted) and where each member's copy of our messages is.
 */
export class PigeonGroupsRepo {
  constructor(private readonly db: PigeonDatabase) {}

  state(groupId: string): string | undefined {
    const row = this.db.run(
      () => this.db.statement(GET_STATE).get(groupId) as { state: string | null } | undefined,
    );
    return row?.state ?? undefined;
  }

  /** The group's row must exist (GroupsRepo.save first). */
  saveState(groupId: string, state: string): void {
    this.db.run(() => this.db.statement(SET_STATE).run(state, groupId));
  }

  putDelivery(delivery: GroupDelivery): void {
    const { messageId, peerId, packetNo, state } = delivery;
    this.db.run(() => this.db.statement(PUT).run(messageId, peerId, packetNo, state));
  }

  deliveriesOf(messageId: string): GroupDelivery[] {
    return this.rows(OF_MESSAGE, messageId);
  }

  /** Copies waiting for this member, oldest first. */
  waitingFor(peerId: string): GroupDelivery[] {
    return this.rows(WAITING, peerId);
  }

  private rows(sql: string, key: string): GroupDelivery[] {
    const rows = this.db.run(() => this.db.statement(sql).all(key) as DeliveryRow[]);
    return rows.flatMap((row) =>
      STATES.has(row.state)
        ? [
            {
              messageId: row.message_id,
              peerId: row.peer_id,
              packetNo: row.packet_no,
              state: row.state as GroupDeliveryState,
            },
          ]
        : [],
    );
  }
}
