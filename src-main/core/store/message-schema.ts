import { z } from 'zod';
import { isGroupId, type MessageDTO, type MessageState } from '../../../src-shared/contract';

/** Longer than any text one IPMsg datagram can carry, so nothing real is refused. */
export const MAX_STORED_TEXT = 65536;

const STATES = [
  'queued',
  'sending',
  'delivered',
  'failed',
  'cancelled',
  'received',
  'recalled',
  'notice',
  'undecryptable',
] as const satisfies readonly MessageState[];

/** A message as it crosses the disk (exports, imports): parsed, never trusted. */
export const MessageSchema = z.object({
  id: z.string().min(1).max(512),
  conversationId: z.string().min(1).max(512),
  direction: z.enum(['in', 'out']),
  text: z.string().max(MAX_STORED_TEXT),
  state: z.enum(STATES),
  at: z.number().int().min(0).max(8.64e15),
  error: z.string().max(4096).optional(),
  sealed: z.boolean().optional(),
  readAt: z.number().int().min(0).max(8.64e15).optional(),
  authorId: z.string().min(1).max(512).optional(),
  delivery: z
    .object({ delivered: z.number().int().min(0), of: z.number().int().min(0) })
    .optional(),
});

// The schema and the contract must describe the same thing: this fails to compile
// if the contract gains a field or a state the schema does not know.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameAsContract: Same<z.infer<typeof MessageSchema>, MessageDTO> = true;
void _sameAsContract;

/** A row of `messages` as SQLite returns it. */
export interface MessageRow {
  seq: number;
  id: string;
  conversation_id: string;
  peer_id: string;
  direction: string;
  text: string;
  state: string;
  at: number;
  error: string | null;
  packet_no: number | null;
  /** Migration 5: 1 for a sealed message. */
  sealed: number;
  read_at: number | null;
  /** Migration 4: the transfer this message offers. */
  transfer_id: string | null;
}

export const MESSAGE_COLUMNS =
  'seq, id, conversation_id, peer_id, direction, text, state, at, error, packet_no, sealed, read_at, transfer_id';
/** The same columns, qualified with the alias `m`. */
export const MESSAGE_COLUMNS_M = MESSAGE_COLUMNS.split(', ')
  .map((column) => `m.${column}`)
  .join(', ');

const knownStates = new Set<string>(STATES);

/**
 * The DTO for a stored row. The file may have been edited or written by another
 * version, so a state this version does not know shows as failed, with the reason.
 */
export function toMessage(row: MessageRow): MessageDTO {
  const message: MessageDTO = {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction === 'out' ? 'out' : 'in',
    text: row.text,
    state: knownStates.has(row.state) ? (row.state as MessageState) : 'failed',
    at: row.at,
  };
  if (!knownStates.has(row.state)) message.error = `Stored with an unknown state (${row.state}).`;
  else if (row.error !== null) message.error = row.error;
  if (row.transfer_id) message.transferId = row.transfer_id;
  // In a group, several peers write into one conversation: the row names each.
  if (message.direction === 'in' && isGroupId(row.conversation_id)) message.authorId = row.peer_id;
  if (row.sealed === 1) {
    message.sealed = true;
    if (row.read_at !== null) message.readAt = row.read_at;
    // A sealed message we have not opened keeps its text in the store only: nothing
    // built from a row (lists, previews, search, export, notifications) can show it.
    else if (message.direction === 'in') message.text = '';
  }
  return message;
}
