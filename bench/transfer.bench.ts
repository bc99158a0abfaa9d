/**
 * File throughput between two namespace hosts: a 1 GiB file offered by one Pigeon and
 * accepted by another, sealed as it always is between Pigeons (timed from the accept to the
 * receiver's 'done'), beside a bare Node TCP sender/receiver pair streaming the same file to
 * disk over the same link, in alternating rounds. Also the peak RSS growth of both Pigeon
 * processes while the file moves. Run with `npm run bench transfer` (as root: it builds its
 * own lab).
 */
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLan } from '../test/lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../test/lab/pigeon-on-host';
import { cpuSeconds, watchMemory } from '../test/lab/proc-usage';
import { sha256File, writeRandomFile } from '../test/lab/transfer-data';
import { ENDED, offer, waitForEvent, waitForPeers } from '../test/lab/transfer-driver';
import { countFromEnv } from './support/env-count';

const SIZE = countFromEnv('BENCH_TRANSFER_BYTES', 2 ** 30);
const ROUNDS = countFromEnv('BENCH_ROUNDS', 5);
const RAW_PORT = '2426';
const MiB = 2 ** 20;
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const SENDER = { name: 'sender', address: '10.96.0.10', id: 'bench@sender' };
const RECEIVER = { name: 'receiver', address: '10.96.0.11', id: 'bench@receiver' };

async function jsonLine(
  output: () => string,
  child: { exitCode: number | null },
  ms: number,
): Promise<Record<string, number>> {
  const end = Date.now() + ms;
  for (;;) {
    const line = output()
      .split('\n')
      .find((l) => l.startsWith('{'));
    if (line) return JSON.parse(line) as Record<string, number>;
    if (Date.now() > end || child.exitCode !== null) throw new Error(`no result:\n${output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

console.log(
  `load average before: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, ${os.cpus().length} CPUs`,
);
const lan = await createLan({ hosts: [SENDER, RECEIVER] });
const work = await mkdtemp(path.join(os.tmpdir(), 'pigeon-bench-transfer-'));
try {
  const source = path.join(work, 'source', 'bench-1GiB.bin');
  await mkdir(path.dirname(source), { recursive: true });
  await writeRandomFile(source, SIZE);
  const sourceSha = await sha256File(source);
  const rawOut = path.join(work, 'raw', 'copy.bin');
  await mkdir(path.dirname(rawOut), { recursive: true });

  const start = async (host: typeof SENDER): Promise<PigeonOnHost> => {
    const dataDir = path.join(work, host.name, 'data');
    const downloadDir = path.join(work, host.name, 'downloads');
    await mkdir(dataDir, { recursive: true });
    await mkdir(downloadDir, { recursive: true });
    return startPigeonOn(lan, host.name, {
      nickname: `bench-${host.name}`,
      user: 'bench',
      host: host.name,
      dataDir,
      downloadDir,
      timing: { answerDelayMaxMs: 50, reannounceMs: 2000 },
    });
  };
  const sender = await start(SENDER);
  const receiver = await start(RECEIVER);
  await waitForPeers(sender, SENDER.id, receiver, RECEIVER.id);
  const received = path.join(work, RECEIVER.name, 'downloads', path.basename(source));

  const raw: number[] = [];
  const pigeon: number[] = [];
  // CPU seconds per round (sender + receiver): steadier than wall time on a busy VM.
  const rawCpu: number[] = [];
  const pigeonCpu: number[] = [];
  const growth = { sender: 0, receiver: 0 };
  for (let round = 1; round <= ROUNDS; round += 1) {
    // Baseline: bare sockets, same hosts, same file, same kind of disk.
    const sink = lan.spawnOn(
      RECEIVER.name,
      process.execPath,
      [here('./fixtures/raw-tcp-receiver.mjs'), RAW_PORT, rawOut],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    while (!lan.outputOf(sink).includes('ready')) await new Promise((r) => setTimeout(r, 20));
    const pump = lan.spawnOn(SENDER.name, process.execPath, [
      here('./fixtures/raw-tcp-sender.mjs'),
      RECEIVER.address,
      RAW_PORT,
      source,
    ]);
    const rawResult = await jsonLine(() => lan.outputOf(sink), sink, 300_000);
    const pumpResult = await jsonLine(() => lan.outputOf(pump), pump, 30_000);
    rawCpu.push((rawResult.cpuSeconds as number) + (pumpResult.cpuSeconds as number));
    if (rawResult.bytes !== SIZE) throw new Error(`raw copy wrote ${rawResult.bytes} bytes`);
    raw.push(SIZE / (rawResult.seconds as number) / MiB);
    await rm(rawOut, { force: true });

    // Pigeon: offer, accept, wait for the receiver's 'done'.
    const watches = {
      sender: watchMemory(sender.child.pid!),
      receiver: watchMemory(receiver.child.pid!),
    };
    const { incoming } = await offer(sender, SENDER.id, receiver, RECEIVER.id, [source]);
    const cpuBefore = cpuSeconds(sender.child.pid!) + cpuSeconds(receiver.child.pid!);
    const started = process.hrtime.bigint();
    await receiver.call('acceptTransfer', { transferId: incoming.id });
    const ended = await waitForEvent(
      receiver,
      incoming.id,
      (t) => ENDED.includes(t.state),
      600_000,
      'the receiver finishes',
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    pigeonCpu.push(cpuSeconds(sender.child.pid!) + cpuSeconds(receiver.child.pid!) - cpuBefore);
    const memory = { sender: watches.sender.stop(), receiver: watches.receiver.stop() };
    if (ended.state !== 'done') throw new Error(`transfer ended ${ended.state}: ${ended.error}`);
    if ((await stat(received)).size !== SIZE) throw new Error('received file has the wrong size');
    if (round === 1 && (await sha256File(received)) !== sourceSha) {
      throw new Error('received file differs from the source');
    }
    await rm(received, { force: true });
    pigeon.push(SIZE / seconds / MiB);
    growth.sender = Math.max(growth.sender, memory.sender.growth / MiB);
    growth.receiver = Math.max(growth.receiver, memory.receiver.growth / MiB);
    console.log(
      `  round ${round}: raw ${raw.at(-1)!.toFixed(0)} MiB/s (CPU ${rawCpu.at(-1)!.toFixed(2)} s), ` +
        `Pigeon ${pigeon.at(-1)!.toFixed(0)} MiB/s (CPU ${pigeonCpu.at(-1)!.toFixed(2)} s), ` +
        `RSS growth sender ${(memory.sender.growth / MiB).toFixed(1)} MB, receiver ${(memory.receiver.growth / MiB).toFixed(1)} MB`,
    );
  }

  // Best of each: on a shared VM noise only ever slows a round down. The median ratio of
  // paired rounds is printed too, as a check on the best-of figure.
  const bestRaw = Math.max(...raw);
  const bestPigeon = Math.max(...pigeon);
  const ratio = bestPigeon / bestRaw;
  const paired = pigeon.map((p, i) => p / (raw[i] as number)).sort((a, b) => a - b);
  const medianRatio = paired[Math.floor(paired.length / 2)] as number;
  const maxGrowth = Math.max(growth.sender, growth.receiver);
  console.log(
    `transfer: ${(SIZE / MiB).toFixed(0)} MiB file, two namespace hosts, best of ${ROUNDS} rounds`,
  );
  console.log(`  Pigeon, sealed (accept → done) ${bestPigeon.toFixed(0).padStart(6)} MiB/s`);
  console.log(`  raw TCP baseline       ${bestRaw.toFixed(0).padStart(6)} MiB/s`);
  console.log(
    `  ratio                  ${ratio.toFixed(3)}  (goal ≥ 0.80 sealed, issue 12${ratio >= 0.8 ? '' : ': MISSED'}; median of paired rounds ${medianRatio.toFixed(3)})`,
  );
  console.log(
    `  CPU, both processes    Pigeon ${Math.min(...pigeonCpu).toFixed(2)} s, raw ${Math.min(...rawCpu).toFixed(2)} s (least of the rounds)`,
  );
  console.log(
    `  peak RSS growth        sender ${growth.sender.toFixed(1)} MB, receiver ${growth.receiver.toFixed(1)} MB` +
      `  (goal < 64 MB${maxGrowth < 64 ? '' : ': MISSED'})`,
  );
  await sender.quit();
  await receiver.quit();
} finally {
  await lan.dispose();
  await rm(work, { recursive: true, force: true });
}
