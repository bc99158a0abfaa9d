/**
 * History at scale: with 1,000,000 messages stored, how long opening a conversation
 * (its latest 50) and searching take, beside the same queries on an empty database,
 * and the insert rate. Run with `npm run bench store`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MessageDTO } from '../src-shared/contract';
import { openStore, type PigeonStore } from '../src-main/core/store';
import { countFromEnv } from './support/env-count';

const TOTAL = countFromEnv('BENCH_STORED_MESSAGES', 1_000_000);
const CONVERSATIONS = 200;
const WORDS = [
  '会议',
  '项目',
  '下午',
  '文件',
  '测试',
  '发布',
  '周报',
  'build',
  'deploy',
  'lunch',
  'review',
  'printer',
  'server',
  '你好',
  '谢谢',
  '明天',
];

let seed = 42;
const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const sentence = (): string =>
  Array.from({ length: 4 + Math.floor(random() * 8) }, () => pick(WORDS)).join(' ');

function fill(store: PigeonStore, count: number): number {
  const started = performance.now();
  const batch = 10_000;
  for (let i = 0; i < count; i += batch) {
    store.db.write(() => {
      for (let j = i; j < Math.min(count, i + batch); j++) {
        const conversationId = `peer${j % CONVERSATIONS}@host`;
        const message: MessageDTO = {
          id: `m${j}`,
          conversationId,
          direction: j % 2 ? 'in' : 'out',
          text: j === count - 7 ? `needle 独一无二的句子 ${sentence()}` : sentence(),
          state: j % 2 ? 'received' : 'delivered',
          at: 1_700_000_000_000 + j * 1000,
        };
        store.messages.add(message, { peerId: conversationId, packetNo: j + 1 });
      }
    });
  }
  return count / ((performance.now() - started) / 1000);
}

/** Median milliseconds of `runs` calls. */
function median(runs: number, work: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

function measure(store: PigeonStore) {
  return {
    latest50: median(200, () => store.messages.list('peer7@host', { limit: 50 })),
    olderPage: median(200, () =>
      store.messages.list('peer7@host', { limit: 50, before: 'm100007' }),
    ),
    searchWord: median(50, () => store.messages.search('独一无二', { limit: 50 })),
    searchEnglish: median(50, () => store.messages.search('needle', { limit: 50 })),
    searchTwoChars: median(20, () => store.messages.search('周报', { limit: 50 })),
    searchRareTwoChars: median(10, () => store.messages.search('独一', { limit: 50 })),
  };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'pigeon-store-bench-'));
try {
  const empty = openStore(path.join(dir, 'empty.db'));
  fill(empty, 100);
  const small = measure(empty);
  empty.close();

  const big = openStore(path.join(dir, 'big.db'));
  const insertRate = fill(big, TOTAL);
  big.db.sqlite.exec('ANALYZE');
  const large = measure(big);
  big.close();

  const row = (label: string, key: keyof typeof small, goal?: number) =>
    console.log(
      `  ${label.padEnd(34)} ${large[key].toFixed(2).padStart(8)} ms   empty ${small[key].toFixed(2).padStart(6)} ms   ratio ${(large[key] / Math.max(small[key], 0.001)).toFixed(1).padStart(6)}${goal ? `   goal < ${goal} ms` : ''}`,
    );
  console.log(
    `store: ${TOTAL.toLocaleString('en')} messages in ${CONVERSATIONS} conversations (median of repeated runs)`,
  );
  console.log(
    `  insert rate                        ${Math.round(insertRate).toLocaleString('en').padStart(8)} msg/s (batches of 10,000)`,
  );
  row('open a conversation (latest 50)', 'latest50', 20);
  row('scroll back (50 before a cursor)', 'olderPage', 20);
  row('search, 4 Chinese characters', 'searchWord', 50);
  row('search, English word', 'searchEnglish', 50);
  row('search, 2 Chinese characters', 'searchTwoChars', 50);
  row('search, 2 characters found once', 'searchRareTwoChars', 50);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
