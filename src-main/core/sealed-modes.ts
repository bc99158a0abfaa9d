// The packets that count only sealed when they come from a Pigeon that seals (see
// keys/message-seals.ts): messages, receipts, typing, presence changes, recalls and Pigeon
// groups' state. Listed here, beside the routes, because their modes live in several folders.
import { GROUP_FETCH_MODE, GROUP_STATE_MODE } from './groups/pigeon-group-packets';
import { Mode } from './ipmsg/commands';
import { RECALL_MODE, RECALLED_MODE } from './ipmsg/recall';

export const SEALED_ONLY_MODES: ReadonlySet<number> = new Set<number>([
  Mode.SENDMSG,
  Mode.RECVMSG,
  Mode.READMSG,
  Mode.DELMSG,
  Mode.ANSREADMSG,
  Mode.BR_EXIT,
  Mode.BR_ABSENCE,
  Mode.TYPING,
  Mode.TYPING_STOP,
  Mode.KNOCK,
  RECALL_MODE,
  RECALLED_MODE,
  GROUP_STATE_MODE,
  GROUP_FETCH_MODE,
]);
