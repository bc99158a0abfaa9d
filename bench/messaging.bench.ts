/**
 * Messages delivered per second between two namespace hosts (send → RECVMSG), beside
 * a bare UDP request/acknowledgement loop with the same count, size and window over
 * the same link. Run with `npm run bench` (as root: it builds its own lab). The cores keep
 * their history in memory; BENCH_STORE=file gives each a history file, as users have.
 * A third run, the floor, does only the per-message work no messenger can skip (see
 * bench/support/floor-work.ts), so the gap splits into that work and Pigeon's own.
 */
import { createLan } from '../test/lab/lan';
import { runPair } from './support/bench-pair';
import { FLOOR_WORK } from './support/floor-work';
import { countFromEnv } from './support/env-count';

const COUNT = countFromEnv('BENCH_MESSAGES', 5000);
const WINDOW = 32;
const SIZE = 200;

const lan = await createLan({
  hosts: [
    { name: 'sender', address: '10.97.0.10' },
    { name: 'receiver', address: '10.97.0.11' },
  ],
});
const pair = (receiver: string[], sender: string[], timeoutMs: number) =>
  runPair(lan, receiver, sender, timeoutMs);

try {
  const load = [String(COUNT), String(WINDOW), String(SIZE)];
  // Baseline first: bare sockets on the same two hosts.
  const baseline = await pair(
    ['fixtures/raw-udp-echo.mjs', '2425'],
    ['fixtures/raw-udp-sender.mjs', '10.97.0.11', '2425', ...load],
    90_000,
  );
  // The floor: bare sockets doing only what no messenger can skip per message (storing
  // through Pigeon's store, sealing), to show how much of the gap is that work.
  const floor = await pair(
    ['fixtures/floor-echo.ts', '2425'],
    ['fixtures/floor-sender.ts', '10.97.0.11', '2425', ...load],
    90_000,
  );
  const pigeon = await pair(
    ['fixtures/pigeon-receiver.ts'],
    ['fixtures/pigeon-sender.ts', 'bench@receiver', ...load],
    120_000,
  );

  const ratio = Number(pigeon.perSecond) / Number(baseline.perSecond);
  console.log(
    `messaging: ${COUNT} messages of ${SIZE} bytes, window ${WINDOW}, two namespace hosts, history ${process.env.BENCH_STORE === 'file' ? 'in a file (WAL)' : 'in memory'}`,
  );
  console.log(
    `  Pigeon delivered   ${Number(pigeon.perSecond).toFixed(0).padStart(8)} msg/s  (failed ${pigeon.failed}, sender RSS growth ${Number(pigeon.rssGrowthMb).toFixed(1)} MB)`,
  );
  console.log(`  raw UDP baseline   ${Number(baseline.perSecond).toFixed(0).padStart(8)} msg/s`);
  console.log(`  ratio              ${ratio.toFixed(3)}`);
  console.log(
    `  floor (${FLOOR_WORK}) ${Number(floor.perSecond).toFixed(0).padStart(8)} msg/s = ${(Number(floor.perSecond) / Number(baseline.perSecond)).toFixed(3)} of raw UDP; Pigeon = ${(Number(pigeon.perSecond) / Number(floor.perSecond)).toFixed(3)} of the floor`,
  );
} finally {
  await lan.dispose();
}
