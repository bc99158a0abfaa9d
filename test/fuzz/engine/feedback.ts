// What the instrumented code reports while an input runs: which edges it took and how
// often (libFuzzer's hit-count buckets make "looped 8 times instead of 2" a new feature),
// and the literals it compared the input with, which become words the mutator inserts.

/** Most words kept from comparisons; the first ones seen are the parser's own keywords. */
const MAX_WORDS = 512;
const MAX_WORD_BYTES = 64;

export interface Feedback {
  readonly edges: number;
  /** Edges that have been taken by some input so far. */
  covered(): number;
  /** True when the input just run took an edge, or a hit-count bucket, never seen before. */
  takeNewCoverage(): boolean;
  /** Literals the code compared input with (strings and numbers as text). */
  readonly words: Buffer[];
}

/** libFuzzer's buckets: 1, 2, 3, 4–7, 8–15, 16–31, 32–127, 128+ as one bit each. */
function bucket(hits: number): number {
  if (hits <= 3) return 1 << (hits - 1);
  if (hits <= 7) return 8;
  if (hits <= 15) return 16;
  if (hits <= 31) return 32;
  if (hits <= 127) return 64;
  return 128;
}

interface FuzzerGlobal {
  coverageTracker: { incrementCounter(id: number): void };
  tracer: {
    traceStrCmp(a: unknown, b: unknown, op: string, pc: number): boolean;
    traceNumberCmp(a: unknown, b: unknown, op: string, pc: number): boolean;
    traceAndReturn(value: unknown, test: unknown, pc: number): unknown;
  };
}

function compare(a: unknown, b: unknown, op: string): boolean {
  // The hook stands in for the program's own operator, loose `==` included.
  switch (op) {
    case '==':
      return a == b;
    case '!=':
      return a != b;
    case '===':
      return a === b;
    case '!==':
      return a !== b;
    case '<':
      return (a as number) < (b as number);
    case '<=':
      return (a as number) <= (b as number);
    case '>':
      return (a as number) > (b as number);
    case '>=':
      return (a as number) >= (b as number);
    default:
      throw new Error(`unknown comparison ${op}`);
  }
}

/** Makes `globalThis.Fuzzer` the sink of a freshly instrumented bundle with `edges` edges. */
export function installFeedback(edges: number): Feedback {
  const hits = new Uint32Array(edges);
  const seen = new Uint8Array(edges);
  const words: Buffer[] = [];
  const known = new Set<string>();
  let covered = 0;

  const remember = (value: unknown): void => {
    if (words.length >= MAX_WORDS) return;
    if (typeof value !== 'string' && typeof value !== 'number') return;
    const text = String(value);
    if (text.length === 0 || known.has(text)) return;
    known.add(text);
    const bytes = Buffer.from(text, typeof value === 'string' ? 'latin1' : 'utf8');
    if (bytes.length <= MAX_WORD_BYTES) words.push(bytes);
  };

  const sink: FuzzerGlobal = {
    coverageTracker: {
      incrementCounter: (id) => {
        hits[id] = (hits[id] as number) + 1;
      },
    },
    tracer: {
      // The literal is almost always written on the right (`value === 'UN:'`); the left
      // side is the input's own bytes, which would only fill the word list with noise.
      traceStrCmp: (a, b, op) => {
        remember(b);
        return compare(a, b, op);
      },
      traceNumberCmp: (a, b, op) => {
        remember(b);
        return compare(a, b, op);
      },
      traceAndReturn: (_value, test) => {
        remember(test);
        return test;
      },
    },
  };
  (globalThis as { Fuzzer?: FuzzerGlobal }).Fuzzer = sink;

  return {
    edges,
    words,
    covered: () => covered,
    takeNewCoverage: () => {
      let found = false;
      for (let id = 0; id < edges; id++) {
        const count = hits[id] as number;
        if (count === 0) continue;
        hits[id] = 0;
        const bit = bucket(count);
        const before = seen[id] as number;
        if ((before & bit) !== 0) continue;
        if (before === 0) covered++;
        seen[id] = before | bit;
        found = true;
      }
      return found;
    },
  };
}
