// Both cores in one process on loopback, CPU-bound: for CPU profiles by hand, e.g.
//   node --cpu-prof --import tsx bench/profile/loopback-messaging.ts
// N messages (5,000) of 200 bytes, window 32; STORE=file keeps history in files (WAL).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMessengerCore } from '../../src-main/core/messenger';
import { openStore } from '../../src-main/core/store';
import { sendBurst } from '../support/send-burst';

const COUNT = Number(process.env.N ?? 5000);
const WINDOW = 32;
const text = 'a'.repeat(200);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-loop-'));
const onFile = process.env.STORE === 'file';
const storeOf = (name: string) =>
  onFile ? openStore(path.join(dir, name + '.sqlite')) : undefined;
const rs = storeOf('r');
const ss = storeOf('s');
const receiver = createMessengerCore(
  {
    nickname: 'r',
    user: 'bench',
    host: 'receiver',
    bindAddress: '127.0.61.2',
    hosts: ['127.0.61.1'],
    broadcast: false,
    timing: { answerDelayMaxMs: 10 },
  },
  rs,
);
const sender = createMessengerCore(
  {
    nickname: 's',
    user: 'bench',
    host: 'sender',
    bindAddress: '127.0.61.1',
    hosts: ['127.0.61.2'],
    broadcast: false,
    timing: { answerDelayMaxMs: 10 },
  },
  ss,
);
await receiver.start();
await sender.start();
while (!sender.snapshot().peers.some((p) => p.id === 'bench@receiver' && p.status === 'online'))
  await new Promise((r) => setTimeout(r, 20));
const conversation = sender.openConversation('bench@receiver');
const { seconds, delivered, failed } = await sendBurst(sender, conversation, {
  count: COUNT,
  window: WINDOW,
  text,
});
console.log(
  JSON.stringify({
    store: onFile ? 'file' : 'memory',
    perSecond: Math.round(delivered / seconds),
    failed,
  }),
);
await sender.stop();
await receiver.stop();
rs?.close();
ss?.close();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
