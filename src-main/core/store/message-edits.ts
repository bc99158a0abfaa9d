// What the user does to a message after it was sent or received: delete it from this
// computer, or have it recalled (its text gone from the history and the search index).
// Direct statements, not MessagesRepo.update: that one never rewrites the text of an
// unopened sealed message, and a recall must remove exactly that text too.
import type { ConversationDTO } from '../../../src-shared/contract';
import type { ConversationsRepo } from './conversations-repo';
import type { PigeonDatabase } from './database';

const RECALL = `UPDATE messages SET text = '', state = 'recalled' WHERE id = ?`;
const CONVERSATION_OF = 'SELECT conversation_id FROM messages WHERE id = ?';
const DELETE = 'DELETE FROM messages WHERE id = ?';
// The conversation's preview falls back to the newest message left (or none).
const REPOINT_LAST = `UPDATE conversations SET last_message_id =
    (SELECT id FROM messages WHERE conversation_id = @conversationId ORDER BY seq DESC LIMIT 1)
  WHERE id = @conversationId AND (last_message_id = @id OR last_message_id IS NULL)`;

/** Empties a message's text and marks it recalled; the search index follows (a trigger). */
export function recallStored(db: PigeonDatabase, id: string): void {
  db.write(() => db.statement(RECALL).run(id));
}

/**
 * Deletes a message from this computer's history (its outbox entry goes with it) and
 * returns its conversation as it now is; undefined when no such message is stored.
 */
export function deleteStored(
  db: PigeonDatabase,
  conversations: ConversationsRepo,
  id: string,
): ConversationDTO | undefined {
  return db.write(() => {
    const conversationId = db.statement(CONVERSATION_OF).pluck().get(id) as string | undefined;
    if (conversationId === undefined) return undefined;
    db.statement(DELETE).run(id);
    db.statement(REPOINT_LAST).run({ conversationId, id });
    return conversations.get(conversationId);
  });
}
