/**
 * Messages delivered per second between two namespace hosts (send → RECVMSG), beside
 * a bare UDP request/acknowledgement loop with the same count, size and window over
 * the same link. Run with `npm run bench` (as root: it builds its own lab). The cores keep
 * their history in memory; BENCH_STORE=file gives each a history file, as users have.
 */
import { createLan } from '../test/lab/lan';
import { fileURLToPath } from 'node:url';
import { lastJsonLine } from './support/json-line';

const COUNT = Number(process.env.BENCH_MESSAGES ?? 5000);
const WINDOW = 32;
const SIZE = 200;
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

const lan = await createLan({
  hosts: [
    { name: 'sender', address: '10.97.0.10' },
    { name: 'receiver', address: '10.97.0.11' },
  ],
});
try {
  // Baseline first: bare sockets on the same two hosts.
  const echo = lan.spawnOn(
    'receiver',
    process.execPath,
    [here('./fixtures/raw-udp-echo.mjs'), '2425'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  while (!lan.outputOf(echo).includes('ready')) await new Promise((r) => setTimeout(r, 20));
  const raw = lan.spawnOn('sender', process.execPath, [
    here('./fixtures/raw-udp-sender.mjs'),
    '10.97.0.11',
    '2425',
    String(COUNT),
    String(WINDOW),
    String(SIZE),
  ]);
  const baseline = await lastJsonLine(() => lan.outputOf(raw), raw, 90_000);
  await lan.stop(echo);

  const receiver = lan.spawnOn(
    'receiver',
    process.execPath,
    ['--import', 'tsx', here('./fixtures/pigeon-receiver.ts')],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  while (!lan.outputOf(receiver).includes('ready')) await new Promise((r) => setTimeout(r, 20));
  const sender = lan.spawnOn('sender', process.execPath, [
    '--import',
    'tsx',
    here('./fixtures/pigeon-sender.ts'),
    'bench@receiver',
    String(COUNT),
    String(WINDOW),
    String(SIZE),
  ]);
  const pigeon = await lastJsonLine(() => lan.outputOf(sender), sender, 120_000);
  await lan.stop(receiver);

  const ratio = Number(pigeon.perSecond) / Number(baseline.perSecond);
  console.log(
    `messaging: ${COUNT} messages of ${SIZE} bytes, window ${WINDOW}, two namespace hosts, history ${process.env.BENCH_STORE === 'file' ? 'in a file (WAL)' : 'in memory'}`,
  );
  console.log(
    `  Pigeon delivered   ${Number(pigeon.perSecond).toFixed(0).padStart(8)} msg/s  (failed ${pigeon.failed}, sender RSS growth ${Number(pigeon.rssGrowthMb).toFixed(1)} MB)`,
  );
  console.log(`  raw UDP baseline   ${Number(baseline.perSecond).toFixed(0).padStart(8)} msg/s`);
  console.log(`  ratio              ${ratio.toFixed(3)}`);
} finally {
  await lan.dispose();
}
