// Two cores in one process on loopback (sender and receiver, user `bench`), started and
// met, for the by-hand profiles. STORE=file keeps their history in files (WAL).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMessengerCore } from '../../src-main/core/messenger';
import type { MessengerCore } from '../../src-main/core/messenger-api';
import { openStore, type PigeonStore } from '../../src-main/core/store';

export interface LoopbackPair {
  sender: MessengerCore;
  receiver: MessengerCore;
  /** The sender's conversation with the receiver. */
  conversation: string;
  store: 'file' | 'memory';
  /** Stops both cores, closes their history files and removes them. */
  stop(): Promise<void>;
}

/** `subnet` is three octets of 127/8 (the sender is .1, the receiver .2). */
export async function startLoopbackPair(subnet: string): Promise<LoopbackPair> {
  const onFile = process.env.STORE === 'file';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pigeon-loopback-'));
  const stores: PigeonStore[] = [];
  const storeOf = (name: string): PigeonStore | undefined => {
    if (!onFile) return undefined;
    const store = openStore(path.join(dir, `${name}.sqlite`));
    stores.push(store);
    return store;
  };
  const core = (name: string, own: string, other: string): MessengerCore =>
    createMessengerCore(
      {
        nickname: name,
        user: 'bench',
        host: name,
        bindAddress: own,
        hosts: [other],
        broadcast: false,
        timing: { answerDelayMaxMs: 10 },
      },
      storeOf(name),
    );
  const receiver = core('receiver', `${subnet}.2`, `${subnet}.1`);
  const sender = core('sender', `${subnet}.1`, `${subnet}.2`);
  await receiver.start();
  await sender.start();
  while (!sender.snapshot().peers.some((p) => p.id === 'bench@receiver' && p.status === 'online'))
    await new Promise((r) => setTimeout(r, 20));
  return {
    sender,
    receiver,
    conversation: sender.openConversation('bench@receiver'),
    store: onFile ? 'file' : 'memory',
    stop: async () => {
      await sender.stop();
      await receiver.stop();
      for (const store of stores) store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
