// Both cores in one process on loopback, one message at a time: for CPU profiles of the
// acknowledged round trip by hand, e.g.
//   node --cpu-prof --import tsx bench/profile/loopback-rtt.ts
// N round trips (3,000) after 300 unmeasured; STORE=file keeps history in files (WAL).
import { quantile, timeRoundTrips } from '../support/round-trips';
import { startLoopbackPair } from './loopback-pair';
import { countFromEnv } from '../support/env-count';

const COUNT = countFromEnv('N', 3000);
const WARMUP = 300;
const pair = await startLoopbackPair('127.0.62');
const { sender, conversation, store } = pair;
let cpuBefore = process.cpuUsage();
const roundTrips = await timeRoundTrips(sender, conversation, {
  count: COUNT,
  warmup: WARMUP,
  measuring: () => {
    cpuBefore = process.cpuUsage();
  },
});
const cpu = process.cpuUsage(cpuBefore);
roundTrips.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    store,
    p50: quantile(roundTrips, 0.5).toFixed(3),
    p99: quantile(roundTrips, 0.99).toFixed(3),
    cpuUsPerRoundTrip: Math.round((cpu.user + cpu.system) / COUNT),
  }),
);
await pair.stop();
process.exit(0);
