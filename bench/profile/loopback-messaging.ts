// Both cores in one process on loopback, CPU-bound: for CPU profiles by hand, e.g.
//   node --cpu-prof --import tsx bench/profile/loopback-messaging.ts
// N messages (5,000) of 200 bytes, window 32; STORE=file keeps history in files (WAL).
import { sendBurst } from '../support/send-burst';
import { startLoopbackPair } from './loopback-pair';
import { countFromEnv } from '../support/env-count';

const COUNT = countFromEnv('N', 5000);
const WINDOW = 32;
const text = 'a'.repeat(200);
const pair = await startLoopbackPair('127.0.61');
const { sender, conversation, store } = pair;
const { seconds, delivered, failed } = await sendBurst(sender, conversation, {
  count: COUNT,
  window: WINDOW,
  text,
});
console.log(
  JSON.stringify({
    store,
    perSecond: Math.round(delivered / seconds),
    failed,
  }),
);
await pair.stop();
process.exit(0);
