/**
 * 10,000 peer events (5,000 peers, each twice, so half are superseded) into one batch of the
 * windows' event batcher, drained once; beside pushing the same events into a plain
 * array, the least any batching can cost. Median of 21 runs. `npm run bench events`.
 */
import type { PigeonEvent } from '../src-shared/contract';
import { EventBatcher } from '../src-main/adapters/event-batcher';

const PEERS = 5_000;
const RUNS = 21;

const events: PigeonEvent[] = [];
for (let round = 0; round < 2; round += 1) {
  for (let i = 0; i < PEERS; i += 1) {
    events.push({
      type: 'peer',
      peer: {
        id: `u${i}@h`,
        nickname: `u${i}`,
        group: '',
        user: `u${i}`,
        host: 'h',
        address: '10.0.0.1',
        port: 2425,
        status: 'online',
        client: 'pigeon',
        version: '',
        lastSeen: round,
      },
    });
  }
}

function timeMs(work: () => void): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

let delivered = 0;
const batcher = new EventBatcher((batch) => (delivered = batch.length), 60_000);
const pigeon = timeMs(() => {
  for (const event of events) batcher.push(event);
  batcher.drain();
});
if (delivered !== PEERS) throw new Error(`batch of ${delivered}, expected ${PEERS}`);
const baseline = timeMs(() => {
  const batch: PigeonEvent[] = [];
  for (const event of events) batch.push(event);
  delivered = batch.length;
});

console.log(`events: ${events.length} events for ${PEERS} peers in one batch, median of ${RUNS}`);
console.log(`  Pigeon's batcher   ${pigeon.toFixed(2).padStart(8)} ms`);
console.log(`  plain array        ${baseline.toFixed(2).padStart(8)} ms`);
console.log(`  ratio              ${(pigeon / baseline).toFixed(1)}×`);
