/**
 * Acknowledged round trips, one message at a time, between two namespace hosts:
 * Pigeon (sendMessage → the peer stores it → RECVMSG → `delivered`) beside a bare UDP
 * ping-pong over the same link. Prints p50 and p99 of each and their ratio.
 * Run with `npm run bench rtt` (as root); BENCH_ROUND_TRIPS sets the count (2,000).
 */
import { fileURLToPath } from 'node:url';
import { createLan } from '../test/lab/lan';
import { lastJsonLine } from './support/json-line';

const COUNT = Number(process.env.BENCH_ROUND_TRIPS ?? 2000);
const WARMUP = 200;
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

function summary(result: Record<string, unknown>): { p50: number; p99: number } {
  if (!Array.isArray(result.roundTrips)) throw new Error(JSON.stringify(result));
  const sorted = (result.roundTrips as number[]).sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

const lan = await createLan({
  hosts: [
    { name: 'sender', address: '10.95.0.10' },
    { name: 'receiver', address: '10.95.0.11' },
  ],
});
const PIPES = { stdio: ['pipe', 'pipe', 'pipe'] as 'pipe'[] };
try {
  const echo = lan.spawnOn(
    'receiver',
    process.execPath,
    [here('./fixtures/raw-udp-echo.mjs'), '2425'],
    PIPES,
  );
  while (!lan.outputOf(echo).includes('ready')) await new Promise((r) => setTimeout(r, 20));
  const rawRun = lan.spawnOn('sender', process.execPath, [
    here('./fixtures/raw-udp-rtt.mjs'),
    '10.95.0.11',
    '2425',
    String(COUNT),
    String(WARMUP),
  ]);
  const raw = summary(await lastJsonLine(() => lan.outputOf(rawRun), rawRun, 90_000));
  await lan.stop(echo);

  const receiver = lan.spawnOn(
    'receiver',
    process.execPath,
    ['--import', 'tsx', here('./fixtures/pigeon-receiver.ts')],
    PIPES,
  );
  while (!lan.outputOf(receiver).includes('ready')) await new Promise((r) => setTimeout(r, 20));
  const sender = lan.spawnOn('sender', process.execPath, [
    '--import',
    'tsx',
    here('./fixtures/pigeon-rtt.ts'),
    'bench@receiver',
    String(COUNT),
    String(WARMUP),
  ]);
  const pigeon = summary(await lastJsonLine(() => lan.outputOf(sender), sender, 120_000));
  await lan.stop(receiver);

  const ms = (x: number): string => `${x.toFixed(3)} ms`.padStart(10);
  console.log(`rtt: ${COUNT} acknowledged round trips, one at a time, two namespace hosts`);
  console.log('                      p50         p99');
  console.log(`  Pigeon          ${ms(pigeon.p50)}  ${ms(pigeon.p99)}`);
  console.log(`  raw UDP         ${ms(raw.p50)}  ${ms(raw.p99)}`);
  console.log(
    `  ratio           ${(pigeon.p50 / raw.p50).toFixed(1).padStart(9)}×  ${(pigeon.p99 / raw.p99).toFixed(1).padStart(9)}×`,
  );
} finally {
  await lan.dispose();
}
