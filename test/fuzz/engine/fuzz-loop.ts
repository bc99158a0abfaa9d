// The coverage-guided loop: run the seeds, then mutate inputs of the corpus; an input
// that takes a new edge (or a new hit-count bucket) joins the corpus. It stops at the
// first exception (a broken invariant: the target's checks or the parser itself) or the
// first input whose CPU time stays above the per-input bound three times in a row, or when time or runs end.
import { performance } from 'node:perf_hooks';
import type { Feedback } from './feedback';
import type { FuzzTargetModule } from './instrument';
import { mutate, randomSource, type MutationContext } from './mutate';

export interface FuzzOptions {
  target: FuzzTargetModule;
  feedback: Feedback;
  seeds: readonly Buffer[];
  /** Target-specific words (keywords of the format) besides those comparisons report. */
  words?: readonly Buffer[];
  /** Stop after this long or after `runs` inputs, whichever comes first. */
  seconds: number;
  runs?: number;
  maxLength: number;
  /** An input that takes longer three times running is a finding (work must be bounded). */
  perInputMs: number;
  /** Seed of the mutator, so a run replays. */
  seed: number;
}

export interface Finding {
  kind: 'crash' | 'slow';
  input: Buffer;
  message: string;
}

export interface FuzzReport {
  runs: number;
  seconds: number;
  corpus: number;
  edges: number;
  covered: number;
  slowestMs: number;
  /** The input that took slowestMs, to look at. */
  slowestInput: Buffer;
  /** Largest resident set seen, and heap growth from start to end. */
  rssPeakMb: number;
  heapGrowthMb: number;
  finding?: Finding;
}

const MAX_CORPUS = 4096;
const CHECK_EVERY = 256;
const MB = 1024 * 1024;

/** Runs one input; a finding when it throws or is slow (a slow one is timed again). */
function runOne(opts: FuzzOptions, input: Buffer): { ms: number; finding?: Finding } {
  const time = (): number => {
    const start = performance.now();
    opts.target.fuzz(input);
    return performance.now() - start;
  };
  const cpuTime = (): number => {
    const start = process.cpuUsage();
    opts.target.fuzz(input);
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  try {
    let ms = time();
    // Wall time is cheap but counts a busy machine, a cold JIT and garbage collection:
    // a slow input is timed again in CPU time, and only the fastest of three counts.
    if (ms > opts.perInputMs) {
      ms = cpuTime();
      for (let again = 0; again < 2 && ms > opts.perInputMs; again++) {
        ms = Math.min(ms, cpuTime());
      }
    }
    if (ms > opts.perInputMs) {
      return {
        ms,
        finding: { kind: 'slow', input, message: `${ms.toFixed(1)} ms > ${opts.perInputMs} ms` },
      };
    }
    return { ms };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { ms: 0, finding: { kind: 'crash', input, message } };
  }
}

export function fuzz(opts: FuzzOptions): FuzzReport {
  const random = randomSource(opts.seed);
  const corpus: Buffer[] = [];
  const ctx: MutationContext = {
    random,
    corpus,
    words: [...(opts.words ?? [])],
    maxLength: opts.maxLength,
  };
  const started = performance.now();
  const heapBefore = process.memoryUsage().heapUsed;
  let rssPeak = process.memoryUsage().rss;
  let runs = 0;
  let slowest = 0;
  let slowestInput: Buffer = Buffer.alloc(0);
  let finding: Finding | undefined;

  const attempt = (input: Buffer, keep: boolean): void => {
    const result = runOne(opts, input);
    runs++;
    if (result.ms > slowest) {
      slowest = result.ms;
      slowestInput = input;
    }
    finding = result.finding;
    const isNew = opts.feedback.takeNewCoverage();
    if ((isNew || keep) && corpus.length < MAX_CORPUS) corpus.push(input);
  };

  for (const seed of opts.seeds) {
    attempt(seed.subarray(0, opts.maxLength), true);
    if (finding) break;
  }
  if (corpus.length === 0) corpus.push(Buffer.alloc(0));
  const limit = opts.runs ?? Number.POSITIVE_INFINITY;
  const deadline = started + opts.seconds * 1000;

  while (!finding && runs < limit) {
    if (runs % CHECK_EVERY === 0) {
      if (performance.now() > deadline) break;
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      // Words the code compared with join the dictionary as they are discovered.
      if (ctx.words.length < (opts.words?.length ?? 0) + opts.feedback.words.length) {
        ctx.words = [...(opts.words ?? []), ...opts.feedback.words];
      }
    }
    // Recent finds are the frontier: half the time, mutate one of the last 64.
    const from =
      random() < 0.5
        ? corpus.length - 1 - Math.floor(random() * Math.min(64, corpus.length))
        : Math.floor(random() * corpus.length);
    attempt(mutate(corpus[from] as Buffer, ctx), false);
  }

  const end = process.memoryUsage();
  return {
    runs,
    seconds: (performance.now() - started) / 1000,
    corpus: corpus.length,
    edges: opts.feedback.edges,
    covered: opts.feedback.covered(),
    slowestMs: slowest,
    slowestInput,
    rssPeakMb: Math.max(rssPeak, end.rss) / MB,
    heapGrowthMb: (end.heapUsed - heapBefore) / MB,
    ...(finding ? { finding } : {}),
  };
}
