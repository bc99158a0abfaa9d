import type { ConversationDTO, MessageDTO } from '../../../src-shared/contract';
import { rememberBounded } from '../bounded';
import type { PigeonDatabase } from './database';
import { MESSAGE_COLUMNS_M, toMessage, type MessageRow } from './message-schema';

interface ConversationRow extends Partial<MessageRow> {
  c_id: string;
  c_peer_id: string;
  c_unread: number;
  c_pinned: number;
}

// The last message is joined, so it always shows its current state (delivered, failed …).
const SELECT = `SELECT c.id AS c_id, c.peer_id AS c_peer_id, c.unread AS c_unread, c.pinned AS c_pinned,
  ${MESSAGE_COLUMNS_M}
  FROM conversations c LEFT JOIN messages m ON m.id = c.last_message_id`;
const GET = `${SELECT} WHERE c.id = ?`;
const ALL = `${SELECT} ORDER BY c.rowid`;
const ENSURE = 'INSERT INTO conversations (id, peer_id) VALUES (?, ?) ON CONFLICT (id) DO NOTHING';
// Same rule as ConversationBook: the message becomes the last one unless an existing
// last message is newer. A last message that is no longer stored counts as none.
const NOTE_LAST = `UPDATE conversations SET last_message_id = @id
  WHERE id = @conversationId AND (
    last_message_id IS NULL OR last_message_id = @id
    OR @at >= coalesce((SELECT at FROM messages WHERE id = last_message_id), @at))`;
const NOTE_UNREAD = 'UPDATE conversations SET unread = unread + 1 WHERE id = ?';
// A new message in one statement: the conversation started if need be, the message made
// the last one by the rule of NOTE_LAST, the unread count raised, and what the
// conversation now is returned, so nothing is read back after the write.
const NOTE_NEW = `INSERT INTO conversations (id, peer_id, unread, last_message_id)
  VALUES (@conversationId, @conversationId, @unread, @id)
  ON CONFLICT (id) DO UPDATE SET
    unread = conversations.unread + excluded.unread,
    last_message_id = CASE WHEN conversations.last_message_id IS NULL
      OR conversations.last_message_id = @id
      OR @at >= coalesce((SELECT at FROM messages WHERE id = conversations.last_message_id), @at)
      THEN @id ELSE conversations.last_message_id END
  RETURNING peer_id, unread, pinned, last_message_id`;
// A message of the conversation changed state (sending → delivered): the rule of NOTE_LAST
// in one statement that returns what the conversation now is.
const NOTE_CHANGE = `UPDATE conversations SET last_message_id = CASE
    WHEN last_message_id IS NULL OR last_message_id = @id
      OR @at >= coalesce((SELECT at FROM messages WHERE id = last_message_id), @at)
    THEN @id ELSE last_message_id END
  WHERE id = @conversationId
  RETURNING peer_id, unread, pinned, last_message_id`;
const PEER_OF = 'SELECT peer_id FROM conversations WHERE id = ?';
const MARK_READ = 'UPDATE conversations SET unread = 0 WHERE id = ?';
const SET_PINNED = 'UPDATE conversations SET pinned = ? WHERE id = ?';

/** Conversations whose peer is remembered; the oldest go first past it. */
const MAX_PEERS_KNOWN = 4096;

/** One-to-one conversations in SQLite, with the semantics of ConversationBook. */
export class ConversationsRepo {
  /** A conversation's peer never changes: asked on every message sent, so read once. */
  private readonly peers = new Map<string, string>();

  constructor(private readonly db: PigeonDatabase) {}

  /** The peer a conversation is with; a conversation not started yet is with the peer of its id. */
  peerOf(conversationId: string): string {
    const known = this.peers.get(conversationId);
    if (known !== undefined) return known;
    const peerId = this.db.run(
      () => this.db.statement(PEER_OF).pluck().get(conversationId) as string | undefined,
    );
    if (peerId === undefined) return conversationId;
    rememberBounded(this.peers, conversationId, peerId, MAX_PEERS_KNOWN);
    return peerId;
  }

  get(id: string): ConversationDTO | undefined {
    const row = this.db.run(() => this.db.statement(GET).get(id) as ConversationRow | undefined);
    return row && toConversation(row);
  }

  /** Every conversation, in the order they were started. */
  all(): ConversationDTO[] {
    return this.db.run(() => this.db.statement(ALL).all() as ConversationRow[]).map(toConversation);
  }

  /** The conversation with a peer, started if there was none (its id is the peer's id). */
  ensure(peerId: string): ConversationDTO {
    return this.db.write(() => {
      this.db.statement(ENSURE).run(peerId, peerId);
      return this.get(peerId)!;
    });
  }

  /**
   * A message was added or changed (store it first); returns the conversation as
   * it now is. A new incoming message counts as unread.
   */
  noteMessage(message: MessageDTO, isNew: boolean): ConversationDTO {
    if (isNew) return this.noteNewMessage(message);
    return this.db.write(() => {
      this.db.statement(ENSURE).run(message.conversationId, message.conversationId);
      this.db.statement(NOTE_LAST).run({
        id: message.id,
        conversationId: message.conversationId,
        at: message.at,
      });
      if (isNew && message.direction === 'in')
        this.db.statement(NOTE_UNREAD).run(message.conversationId);
      return this.get(message.conversationId)!;
    });
  }

  /**
   * The hot path of every message sent or received. The message was just stored from
   * this very DTO, so when it is the last one it is shown from the DTO, not read back.
   */
  private noteNewMessage(message: MessageDTO): ConversationDTO {
    const row = this.db.run(
      () =>
        this.db.statement(NOTE_NEW).get({
          id: message.id,
          conversationId: message.conversationId,
          at: message.at,
          unread: message.direction === 'in' ? 1 : 0,
        }) as NotedRow,
    );
    if (row.last_message_id !== null && row.last_message_id !== message.id) {
      return this.get(message.conversationId)!; // an out-of-order clock: rare
    }
    return noted(message, row);
  }

  /**
   * A stored message changed state, and `message` is it exactly as now stored (read,
   * changed, written back): the confirmation of every message sent takes this path, so
   * nothing is read back. Returns the conversation when the message is its last one;
   * undefined when another is (then the conversation did not change: messages sent in a
   * burst are confirmed while later ones are already out).
   */
  noteStateChange(message: MessageDTO): ConversationDTO | undefined {
    const row = this.db.run(
      () =>
        this.db.statement(NOTE_CHANGE).get({
          id: message.id,
          conversationId: message.conversationId,
          at: message.at,
        }) as NotedRow | undefined,
    );
    if (!row) return this.noteMessage(message, false); // no conversation yet: rare
    return row.last_message_id === message.id ? noted(message, row) : undefined;
  }

  markRead(id: string): ConversationDTO {
    return this.db.write(() => {
      this.db.statement(ENSURE).run(id, id);
      this.db.statement(MARK_READ).run(id);
      return this.get(id)!;
    });
  }

  /** Pin a conversation to the top of the recent chats, or let it go back in time order. */
  setPinned(id: string, pinned: boolean): ConversationDTO {
    return this.db.write(() => {
      this.db.statement(ENSURE).run(id, id);
      this.db.statement(SET_PINNED).run(pinned ? 1 : 0, id);
      return this.get(id)!;
    });
  }
}

/** What noting a message returns of its conversation. */
interface NotedRow {
  peer_id: string;
  unread: number;
  pinned: number;
  last_message_id: string | null;
}

/** The conversation a message was just noted in, shown from the message when it is the last one. */
function noted(message: MessageDTO, row: NotedRow): ConversationDTO {
  const conversation: ConversationDTO = {
    id: message.conversationId,
    peerId: row.peer_id,
    unread: row.unread,
  };
  if (row.pinned === 1) conversation.pinned = true;
  if (row.last_message_id === message.id) conversation.lastMessage = asStored(message);
  return conversation;
}

/** The message as a stored row shows it: an unopened sealed message without its text. */
function asStored(message: MessageDTO): MessageDTO {
  const unopened =
    message.sealed === true && message.direction === 'in' && message.readAt === undefined;
  return unopened ? { ...message, text: '' } : { ...message };
}

function toConversation(row: ConversationRow): ConversationDTO {
  const conversation: ConversationDTO = {
    id: row.c_id,
    peerId: row.c_peer_id,
    unread: row.c_unread,
  };
  if (row.c_pinned === 1) conversation.pinned = true;
  if (row.id !== null && row.id !== undefined)
    conversation.lastMessage = toMessage(row as MessageRow);
  return conversation;
}
