// Both cores in one process on loopback, one message at a time: for CPU profiles of the
// acknowledged round trip by hand, e.g.
//   node --cpu-prof --import tsx bench/profile/loopback-rtt.ts
// N round trips (3,000) after 300 unmeasured; STORE=file keeps history in files (WAL).
import { startLoopbackPair } from './loopback-pair';

const COUNT = Number(process.env.N ?? 3000);
const WARMUP = 300;
const pair = await startLoopbackPair('127.0.62');
const { sender, conversation, store } = pair;
const roundTrips: number[] = [];
let sentAt = 0n;
let done = 0;
const cpuBefore = { value: process.cpuUsage() };
await new Promise<void>((resolve) => {
  const next = (): void => {
    sentAt = process.hrtime.bigint();
    sender.sendMessage({ conversationId: conversation, text: 'ping' });
  };
  sender.onEvent((event) => {
    if (event.type !== 'message' || event.message.direction !== 'out') return;
    if (event.message.state !== 'delivered' && event.message.state !== 'failed') return;
    done += 1;
    if (done === WARMUP) cpuBefore.value = process.cpuUsage();
    if (done > WARMUP) roundTrips.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
    if (done === WARMUP + COUNT) resolve();
    else setImmediate(next);
  });
  next();
});
const cpu = process.cpuUsage(cpuBefore.value);
roundTrips.sort((a, b) => a - b);
const at = (q: number) =>
  roundTrips[Math.min(roundTrips.length - 1, Math.floor(q * roundTrips.length))]!;
console.log(
  JSON.stringify({
    store,
    p50: at(0.5).toFixed(3),
    p99: at(0.99).toFixed(3),
    cpuUsPerRoundTrip: Math.round((cpu.user + cpu.system) / COUNT),
  }),
);
await pair.stop();
process.exit(0);
