// Recall (撤回) between Pigeons: two Pigeon-only command modes that carry the packet
// number of the message recalled, as a RECVMSG carries the one it confirms. Other
// clients are never sent them; one that did send these modes is not a Pigeon and is
// ignored by the receiver.
import { ackExtra, parseAckExtra } from './message';

/** "Take back the message I sent with this number." */
export const RECALL_MODE = 0xe1;
/** "Done (or it was already gone)": the sender stops repeating the recall. */
export const RECALLED_MODE = 0xe2;

/** How long after sending a message the user may recall it. */
export const RECALL_WINDOW_MS = 2 * 60_000;

/** The receiver's margin over that window: retries and a slow network arrive late. */
export const RECALL_ACCEPT_MS = RECALL_WINDOW_MS + 60_000;

export const recallExtra = ackExtra;

/** The packet number a recall (or its confirmation) names; undefined when unreadable. */
export const readRecallExtra = (extra: Buffer): number | undefined => parseAckExtra(extra);
