/**
 * The CPU a sealed transfer spends per GiB on each side, without network or disk: a file's
 * 1 MiB blocks go through RecordSealer (as the sender does) and the records it writes
 * through RecordOpener (as the receiver does, copying them into room() the way net's
 * `onread` fills it), beside the receiver's SHA-256 of the plaintext between Pigeons. One
 * thread. Tells what transfer.bench.ts's ratio can reach: both
 * ends of that benchmark share this machine's cores with the raw copy's cost on top.
 * Run with `npm run bench sealing` (`BENCH_SEALING_BYTES` sets the size, 1 GiB by default).
 */
import { createHash, createSecretKey, randomBytes } from 'node:crypto';
import os from 'node:os';
import { RecordOpener } from '../src-main/core/transfer/sealing/record-opener';
import { RecordSealer } from '../src-main/core/transfer/sealing/record-sealer';

const SIZE = Number(process.env.BENCH_SEALING_BYTES ?? 2 ** 30);
const BLOCK = 1024 * 1024;
const GiB = 2 ** 30;

const key = createSecretKey(randomBytes(32));
const block = randomBytes(BLOCK);
// CPU, not wall time: on a shared machine another process's turn would count otherwise.
const spent = { seal: 0, open: 0, hash: 0 };
const timed = <T>(what: keyof typeof spent, work: () => T): T => {
  const start = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(start);
  spent[what] += used.user + used.system;
  return result;
};

const opener = new RecordOpener(key);
const hash = createHash('sha256');
let opened = 0;
const receive = (piece: Buffer): void => {
  let at = 0;
  while (at < piece.length) {
    const room = opener.room();
    const take = piece.copy(room, 0, at, Math.min(piece.length, at + room.length));
    at += take;
    const plain = timed('open', () => opener.filled(take));
    if (plain) {
      opened += plain.length;
      timed('hash', () => hash.update(plain));
    }
  }
};
const sealer = new RecordSealer(key, (pieces) => {
  // Opened outside the sealer's timing: the sender does not pay for it.
  queue.push(...pieces.map((p) => Buffer.from(p)));
  return Promise.resolve();
});
const queue: Buffer[] = [];

console.log(
  `load average before: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, ${os.cpus().length} CPUs`,
);
const cpuBefore = process.cpuUsage();
for (let done = 0; done < SIZE; done += BLOCK) {
  await timed('seal', () => sealer.write(block.subarray(0, Math.min(BLOCK, SIZE - done))));
  for (const piece of queue.splice(0)) receive(piece);
}
await timed('seal', () => sealer.end());
for (const piece of queue.splice(0)) receive(piece);
const cpu = process.cpuUsage(cpuBefore);
if (!opener.finished || opened !== SIZE) throw new Error(`opened ${opened} of ${SIZE} bytes`);

const perGiB = (micros: number): string => ((micros / 1e6) * (GiB / SIZE)).toFixed(2);
console.log(`sealing: ${(SIZE / 2 ** 20).toFixed(0)} MiB in 1 MiB blocks, 512 KiB records`);
console.log(`  sender, seal (AES-256-GCM)        ${perGiB(spent.seal)} CPU s/GiB`);
console.log(`  receiver, open (AES-256-GCM)      ${perGiB(spent.open)} CPU s/GiB`);
console.log(`  receiver, SHA-256 of the file     ${perGiB(spent.hash)} CPU s/GiB`);
console.log(
  `  whole run (with copies)           ${(((cpu.user + cpu.system) / 1e6) * (GiB / SIZE)).toFixed(2)} CPU s/GiB`,
);
