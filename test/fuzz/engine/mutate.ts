// Byte-level mutations in the manner of libFuzzer's: flips, random and "interesting"
// bytes, inserted and erased runs, copied and repeated runs (long runs are how parsers
// turn quadratic), words from the dictionary, numbers rewritten as decimal or hex text,
// and splices with another input of the corpus. A few are stacked per new input.
import { prng } from '../../unit/core/ipmsg/prng';

/** The seedable generator the codec's seeded fuzz tests use, so a run can be replayed. */
export function randomSource(seed: number): () => number {
  return prng(seed).next;
}

export interface MutationContext {
  random: () => number;
  /** Inputs that found new coverage, to splice with. */
  corpus: readonly Buffer[];
  /** Words from the target and from the code's comparisons. */
  words: readonly Buffer[];
  maxLength: number;
}

const INTERESTING_BYTES = [0x00, 0x01, 0x07, 0x0a, 0x0d, 0x20, 0x2e, 0x2f, 0x3a, 0x5c, 0x7f, 0xff];
const INTERESTING_NUMBERS = [0, 1, 2, 9, 10, 16, 255, 256, 0xffff, 0x10000, 0x7fffffff, 0xffffffff];

type Mutation = (input: Buffer, ctx: MutationContext) => Buffer;

const below = (ctx: MutationContext, n: number): number => Math.floor(ctx.random() * n);
const pick = <T>(ctx: MutationContext, list: readonly T[]): T | undefined =>
  list.length === 0 ? undefined : list[below(ctx, list.length)];

function insertAt(input: Buffer, at: number, bytes: Buffer): Buffer {
  return Buffer.concat([input.subarray(0, at), bytes, input.subarray(at)]);
}

function overwriteAt(input: Buffer, at: number, bytes: Buffer): Buffer {
  const out = Buffer.from(input);
  bytes.copy(out, at, 0, Math.min(bytes.length, out.length - at));
  return out;
}

const MUTATIONS: Mutation[] = [
  (input, ctx) => {
    if (input.length === 0) return Buffer.from([below(ctx, 256)]);
    const out = Buffer.from(input);
    const at = below(ctx, out.length);
    out[at] = (out[at] as number) ^ (1 << below(ctx, 8));
    return out;
  },
  (input, ctx) => {
    if (input.length === 0) return input;
    const out = Buffer.from(input);
    out[below(ctx, out.length)] =
      ctx.random() < 0.5 ? below(ctx, 256) : (pick(ctx, INTERESTING_BYTES) as number);
    return out;
  },
  (input, ctx) =>
    insertAt(
      input,
      below(ctx, input.length + 1),
      Buffer.from([pick(ctx, INTERESTING_BYTES) as number]),
    ),
  (input, ctx) => {
    if (input.length === 0) return input;
    const at = below(ctx, input.length);
    const n = 1 + below(ctx, Math.min(16, input.length - at));
    return Buffer.concat([input.subarray(0, at), input.subarray(at + n)]);
  },
  (input, ctx) => {
    // Copy a run elsewhere, or repeat it many times.
    if (input.length === 0) return input;
    const from = below(ctx, input.length);
    const run = input.subarray(from, from + 1 + below(ctx, Math.min(32, input.length - from)));
    const times = ctx.random() < 0.2 ? 1 + below(ctx, 2000) : 1;
    const repeated = Buffer.alloc(run.length * times, run);
    return insertAt(input, below(ctx, input.length + 1), repeated);
  },
  (input, ctx) => {
    const word = pick(ctx, ctx.words);
    if (!word) return input;
    const at = below(ctx, input.length + 1);
    return ctx.random() < 0.5
      ? insertAt(input, at, word)
      : overwriteAt(input, Math.min(at, input.length), word);
  },
  (input, ctx) => {
    const n = pick(ctx, INTERESTING_NUMBERS) as number;
    const text = Buffer.from(ctx.random() < 0.5 ? String(n) : n.toString(16), 'latin1');
    return insertAt(input, below(ctx, input.length + 1), text);
  },
  (input, ctx) => {
    // Splice: our head, another input's tail.
    const other = pick(ctx, ctx.corpus);
    if (!other || other.length === 0) return input;
    const cut = below(ctx, input.length + 1);
    return Buffer.concat([input.subarray(0, cut), other.subarray(below(ctx, other.length))]);
  },
];

/** One new input from `input`: one to five stacked mutations, cut to maxLength. */
export function mutate(input: Buffer, ctx: MutationContext): Buffer {
  let out = input;
  const rounds = 1 + below(ctx, 5);
  for (let i = 0; i < rounds; i++) out = (pick(ctx, MUTATIONS) as Mutation)(out, ctx);
  return out.length > ctx.maxLength ? out.subarray(0, ctx.maxLength) : out;
}
