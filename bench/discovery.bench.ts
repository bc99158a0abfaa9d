/**
 * Time to full mesh and datagrams per join when the last of K hosts starts, K = 10, 25
 * and 50 namespace hosts on one bridge (permanent neighbour entries, so the kernel's
 * neighbour table does not overflow), beside a raw dgram baseline (one broadcast, one
 * unicast answer per host) on the same hosts. Run with `npm run bench discovery`.
 * BENCH_HOSTS (e.g. "10,25") and BENCH_ROUNDS (3) change what is measured.
 */
import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { bundleForLab } from '../test/lab/bundle';
import { createLan, type Lan } from '../test/lab/lan';
import { addPermanentNeighbours } from '../test/lab/neighbours';
import { countFromEnv } from './support/env-count';

const SIZES = (process.env.BENCH_HOSTS ?? '10,25,50').split(',').map(Number);
const ROUNDS = countFromEnv('BENCH_ROUNDS', 3);
const PIPES = { stdio: ['pipe', 'pipe', 'pipe'] as 'pipe'[] };
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

interface Line {
  started?: number;
  mesh?: number;
  out?: number;
}

/** A running host: its JSON lines as they come. */
class Node {
  private readonly lines: Line[] = [];
  private readonly waiters: (() => void)[] = [];

  constructor(readonly child: ChildProcess) {
    const input = child.stdout;
    if (!input) throw new Error('no stdout');
    readline.createInterface({ input }).on('line', (text) => {
      if (!text.startsWith('{')) return;
      this.lines.push(JSON.parse(text) as Line);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  async next<K extends keyof Line>(key: K, ms = 60_000): Promise<number> {
    const end = Date.now() + ms;
    for (;;) {
      const at = this.lines.findIndex((l) => l[key] !== undefined);
      if (at >= 0) return this.lines.splice(at, 1)[0]![key] as number;
      if (Date.now() > end) throw new Error(`no ${key} line`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }

  async sent(): Promise<number> {
    this.child.stdin?.write('stats\n');
    return this.next('out');
  }
}

interface Round {
  meshMs: number;
  datagrams: number;
}

/** K − 1 hosts meet, then the last starts: time to full mesh and datagrams for that join. */
async function round(lan: Lan, k: number, argvOf: (name: string) => string[]): Promise<Round> {
  const names = lan.hosts.slice(0, k).map((h) => h.name);
  const nodes: Node[] = [];
  try {
    for (const name of names.slice(0, -1)) {
      const node = new Node(lan.spawnOn(name, process.execPath, argvOf(name), PIPES));
      await node.next('started');
      nodes.push(node);
    }
    await new Promise((r) => setTimeout(r, 1500)); // they meet (answers wait ≤ 1 s)
    const before = (await Promise.all(nodes.map((n) => n.sent()))).reduce((a, b) => a + b, 0);
    const last = new Node(
      lan.spawnOn(names[k - 1]!, process.execPath, argvOf(names[k - 1]!), PIPES),
    );
    nodes.push(last);
    const started = await last.next('started');
    const meshes = await Promise.all(nodes.map((n) => n.next('mesh')));
    await new Promise((r) => setTimeout(r, 1500)); // late answers are counted too
    const after = (await Promise.all(nodes.map((n) => n.sent()))).reduce((a, b) => a + b, 0);
    return { meshMs: Math.max(...meshes) - started, datagrams: after - before };
  } finally {
    for (const node of nodes) node.child.stdin?.end('stop\n');
    await Promise.all(nodes.map((n) => lan.stop(n.child, { graceMs: 2000 })));
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const min = (xs: number[]): number => Math.min(...xs);

const peer = await bundleForLab(here('./fixtures/discovery-peer.ts'), 'bench-discovery');
const most = Math.max(...SIZES);
const lan = await createLan({
  hosts: Array.from({ length: most }, (_, i) => ({
    name: `h${i + 1}`,
    address: `10.96.0.${i + 10}`,
  })),
});
try {
  await addPermanentNeighbours(lan);
  console.log(`discovery: the last of K hosts joins; min / median of ${ROUNDS} rounds`);
  console.log('   K | mesh: Pigeon     raw        ratio | datagrams: Pigeon  raw');
  for (const k of SIZES) {
    const pigeon: Round[] = [];
    const raw: Round[] = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      raw.push(
        await round(lan, k, () => [here('./fixtures/raw-udp-discovery.mjs'), String(k - 1)]),
      );
      pigeon.push(await round(lan, k, (name) => [peer, String(k - 1), name]));
    }
    const pm = pigeon.map((x) => x.meshMs);
    const rm = raw.map((x) => x.meshMs);
    const ms = (xs: number[]): string =>
      `${min(xs).toFixed(0)}/${median(xs).toFixed(0)} ms`.padEnd(11);
    console.log(
      `${String(k).padStart(4)} | ${ms(pm)} ${ms(rm)} ${(median(pm) / Math.max(1, median(rm))).toFixed(1).padStart(5)}× |` +
        ` ${String(median(pigeon.map((x) => x.datagrams))).padStart(15)} ${String(median(raw.map((x) => x.datagrams))).padStart(4)}`,
    );
  }
} finally {
  await lan.dispose();
}
