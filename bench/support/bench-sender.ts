import type { MessengerCore } from '../../src-main/core/messenger-api';
import { benchCore } from './bench-core';

/** The sending core of a messaging bench, started and with `peerId` online. */
export async function startBenchSender(
  peerId: string,
): Promise<{ core: MessengerCore; conversation: string }> {
  const core = benchCore('bench-sender', 'sender');
  await core.start();
  const deadline = Date.now() + 10_000;
  while (!core.snapshot().peers.some((p) => p.id === peerId && p.status === 'online')) {
    if (Date.now() > deadline) throw new Error(`peer ${peerId} not found`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { core, conversation: core.openConversation(peerId) };
}
