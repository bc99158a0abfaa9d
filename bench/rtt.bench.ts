/**
 * Acknowledged round trips, one message at a time, between two namespace hosts:
 * Pigeon (sendMessage → the peer stores it → RECVMSG → `delivered`) beside a bare UDP
 * ping-pong over the same link, and the floor: a bare socket doing only the per-message
 * work no messenger can skip (bench/support/floor-work.ts). Prints p50 and p99 of each and
 * the ratio of Pigeon's to raw UDP's, twice: just after start (200 unmeasured) and in the
 * steady state, after BENCH_WARMUP unmeasured round trips (10,000). Until V8 has compiled
 * a process's message path, its code runs unoptimised and the compiler's threads share
 * the two cores with it; a Pigeon that runs all day lives in the second figure.
 * Run with `npm run bench rtt` (as root); BENCH_ROUND_TRIPS sets the count (2,000).
 */
import { createLan } from '../test/lab/lan';
import { runPair } from './support/bench-pair';
import { FLOOR_WORK } from './support/floor-work';
import { quantile } from './support/round-trips';
import { countFromEnv } from './support/env-count';

const COUNT = countFromEnv('BENCH_ROUND_TRIPS', 2000);
const COLD_WARMUP = 200;
const STEADY_WARMUP = countFromEnv('BENCH_WARMUP', 10_000, { min: 0 });

interface Summary {
  p50: number;
  p99: number;
}

function summary(result: Record<string, unknown>): Summary {
  if (!Array.isArray(result.roundTrips)) throw new Error(JSON.stringify(result));
  const sorted = (result.roundTrips as number[]).sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
}

const lan = await createLan({
  hosts: [
    { name: 'sender', address: '10.95.0.10' },
    { name: 'receiver', address: '10.95.0.11' },
  ],
});

/**
 * Each pair as [receiving fixture, sending fixture]: raw UDP; the floor, only the work no
 * messenger can skip per message (store, seal; bench/support/floor-work.ts); and Pigeon.
 */
const PAIRS = {
  raw: [
    ['fixtures/raw-udp-echo.mjs', '2425'],
    ['fixtures/raw-udp-rtt.mjs', '10.95.0.11', '2425'],
  ],
  floor: [
    ['fixtures/floor-echo.ts', '2425'],
    ['fixtures/floor-rtt.ts', '10.95.0.11', '2425'],
  ],
  pigeon: [['fixtures/pigeon-receiver.ts'], ['fixtures/pigeon-rtt.ts', 'bench@receiver']],
} as const;
type Kind = keyof typeof PAIRS;

/** Each pair in turn, in fresh processes, after `warmup` unmeasured round trips. */
async function measure(warmup: number): Promise<Record<Kind, Summary>> {
  const measured = {} as Record<Kind, Summary>;
  for (const kind of ['raw', 'floor', 'pigeon'] as const) {
    const [receiver, sender] = PAIRS[kind];
    const result = await runPair(
      lan,
      [...receiver],
      [...sender, String(COUNT), String(warmup)],
      120_000 + warmup * 10,
    );
    measured[kind] = summary(result);
  }
  return measured;
}

function print(title: string, { raw, floor, pigeon }: Record<Kind, Summary>): void {
  const ms = (x: number): string => `${x.toFixed(3)} ms`.padStart(10);
  console.log(title);
  console.log('                      p50         p99');
  console.log(`  Pigeon          ${ms(pigeon.p50)}  ${ms(pigeon.p99)}`);
  console.log(`  raw UDP         ${ms(raw.p50)}  ${ms(raw.p99)}`);
  console.log(`  floor           ${ms(floor.p50)}  ${ms(floor.p99)}   (${FLOOR_WORK})`);
  console.log(
    `  ratio           ${(pigeon.p50 / raw.p50).toFixed(1).padStart(9)}×  ${(pigeon.p99 / raw.p99).toFixed(1).padStart(9)}×`,
  );
}

try {
  console.log(`rtt: ${COUNT} acknowledged round trips, one at a time, two namespace hosts`);
  print(`just started (after ${COLD_WARMUP} unmeasured)`, await measure(COLD_WARMUP));
  print(`steady state (after ${STEADY_WARMUP} unmeasured)`, await measure(STEADY_WARMUP));
} finally {
  await lan.dispose();
}
