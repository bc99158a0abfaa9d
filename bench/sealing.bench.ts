/**
 * The CPU a sealed transfer spends per GiB on each side, without network or disk: a file's
 * 1 MiB blocks go through RecordSealer (as the sender does) and the records it writes
 * through RecordOpener (as the receiver does, copying them into room() the way net's
 * `onread` fills it), beside a SHA-256 of the plaintext (what a receiver still spends on a
 * plain transfer, or a sealed one from an older Pigeon). One thread. Then the AEADs Node
 * offers, alone, on 512 KiB records: what changing the cipher would save. Tells what
 * transfer.bench.ts's ratio can reach: both ends of that benchmark share this machine's
 * cores with the raw copy's cost on top.
 * Run with `npm run bench sealing` (`BENCH_SEALING_BYTES` sets the size, 1 GiB by default).
 */
import { createCipheriv, createHash, createSecretKey, randomBytes } from 'node:crypto';
import os from 'node:os';
import { RecordOpener } from '../src-main/core/transfer/sealing/record-opener';
import { RecordSealer } from '../src-main/core/transfer/sealing/record-sealer';
import { countFromEnv } from './support/env-count';

const SIZE = countFromEnv('BENCH_SEALING_BYTES', 2 ** 30);
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
console.log(`  SHA-256 of the file (not sealed)  ${perGiB(spent.hash)} CPU s/GiB`);
console.log(
  `  whole run (with copies)           ${(((cpu.user + cpu.system) / 1e6) * (GiB / SIZE)).toFixed(2)} CPU s/GiB`,
);

// Each AEAD alone, a fresh cipher per 512 KiB record as RecordSealer makes, three passes in
// turn so that a neighbour's load falls on all of them alike; the least of each is shown.
const RECORD = 512 * 1024;
const AEADS = [
  ['aes-128-gcm', 16],
  ['aes-256-gcm', 32],
  ['chacha20-poly1305', 32],
] as const;
const best = new Map<string, number>();
for (let pass = 0; pass < 3; pass += 1) {
  for (const [name, keyBytes] of AEADS) {
    const secret = randomBytes(keyBytes);
    const start = process.cpuUsage();
    for (let done = 0; done < SIZE; done += RECORD) {
      // 16-byte tags by default for all three; final() computes it.
      const cipher = createCipheriv(name, secret, randomBytes(12));
      cipher.update(block.subarray(0, RECORD));
      cipher.final();
    }
    const used = process.cpuUsage(start);
    best.set(name, Math.min(best.get(name) ?? Infinity, used.user + used.system));
  }
}
console.log('ciphers alone, 512 KiB records (least of 3 passes):');
for (const [name] of AEADS) {
  console.log(`  ${name.padEnd(32)} ${perGiB(best.get(name) ?? 0)} CPU s/GiB`);
}
