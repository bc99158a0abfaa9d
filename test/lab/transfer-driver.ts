// Drives a transfer between two Pigeons on lab hosts through their contract channels:
// offer on one side, find the matching incoming offer on the other, accept, wait for an
// end state. Used by the LAN transfer test and the transfer benchmark.
import path from 'node:path';
import type { TransferDTO, TransferState } from '../../src-shared/contract';
import type { PigeonOnHost } from './pigeon-on-host';
import { until } from './until';

export const ENDED: readonly TransferState[] = ['done', 'failed', 'cancelled', 'declined'];

/** Both Pigeons see each other online (peer ids are `user@host`). */
export async function waitForPeers(
  a: PigeonOnHost,
  aId: string,
  b: PigeonOnHost,
  bId: string,
  ms = 10_000,
): Promise<void> {
  const online = async (p: PigeonOnHost, id: string): Promise<boolean> =>
    (await p.call('getSnapshot')).peers.some((peer) => peer.id === id && peer.status !== 'offline');
  await until(() => online(a, bId), ms, `${aId} sees ${bId}`);
  await until(() => online(b, aId), ms, `${bId} sees ${aId}`);
}

export async function listTransfers(p: PigeonOnHost, peerId: string): Promise<TransferDTO[]> {
  const { conversationId } = await p.call('openConversation', { peerId });
  return p.call('listTransfers', { conversationId });
}

export interface OfferedPair {
  /** The sender's transfer (direction 'out'). */
  outgoing: TransferDTO;
  /** The receiver's transfer for the same offer (direction 'in', state 'offered'). */
  incoming: TransferDTO;
}

/**
 * `from` offers `paths` to `toId`; resolves once `to` lists the new incoming offer (the one
 * whose item names match and that was not there before).
 */
export async function offer(
  from: PigeonOnHost,
  fromId: string,
  to: PigeonOnHost,
  toId: string,
  paths: string[],
  ms = 15_000,
): Promise<OfferedPair> {
  const before = new Set((await listTransfers(to, fromId)).map((t) => t.id));
  const { conversationId } = await from.call('openConversation', { peerId: toId });
  const outgoing = await from.call('offerFiles', { conversationId, paths });
  const names = paths.map((p) => path.basename(p)).join('\n');
  const incoming = await until(
    async () =>
      (await listTransfers(to, fromId)).find(
        (t) =>
          !before.has(t.id) &&
          t.direction === 'in' &&
          t.state === 'offered' &&
          t.items.map((i) => i.name).join('\n') === names,
      ),
    ms,
    `${toId} lists the offer of ${names}`,
  );
  return { outgoing, incoming };
}

/** Polls one side's transfer until `done(t)`; fails with its last state after `ms`. */
export async function waitForTransfer(
  p: PigeonOnHost,
  peerId: string,
  transferId: string,
  done: (t: TransferDTO) => boolean,
  ms: number,
  what: string,
  intervalMs = 100,
): Promise<TransferDTO> {
  let last: TransferDTO | undefined;
  try {
    return await until(
      async () => {
        last = (await listTransfers(p, peerId)).find((t) => t.id === transferId);
        return last && done(last) ? last : undefined;
      },
      ms,
      what,
      intervalMs,
    );
  } catch (error) {
    const seen = last
      ? `${last.state} ${last.bytesDone}/${last.totalBytes}${last.error ? `: ${last.error}` : ''}`
      : 'not listed';
    throw new Error(`${(error as Error).message} (last seen: ${seen})`, { cause: error });
  }
}

/** Waits for an end state and insists it is 'done'. */
export async function waitForDone(
  p: PigeonOnHost,
  peerId: string,
  transferId: string,
  ms: number,
  what: string,
): Promise<TransferDTO> {
  const t = await waitForTransfer(p, peerId, transferId, (x) => ENDED.includes(x.state), ms, what);
  if (t.state !== 'done') {
    throw new Error(`${what}: ended ${t.state}${t.error ? ` (${t.error})` : ''}`);
  }
  return t;
}

/**
 * Waits for a 'transfer' event of `transferId` that matches, watching the events the
 * agent streams (no requests to the agent, so timing it costs the agent nothing).
 */
export async function waitForEvent(
  p: PigeonOnHost,
  transferId: string,
  match: (t: TransferDTO) => boolean,
  ms: number,
  what: string,
): Promise<TransferDTO> {
  let seen = 0;
  let last: TransferDTO | undefined;
  const end = Date.now() + ms;
  for (;;) {
    for (; seen < p.events.length; seen += 1) {
      const event = p.events[seen];
      if (event?.type !== 'transfer' || event.transfer.id !== transferId) continue;
      last = event.transfer;
      if (match(last)) return last;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${ms} ms: ${what} (last: ${last?.state ?? 'no event'})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
