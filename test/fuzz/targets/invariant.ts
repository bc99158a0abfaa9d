// What a fuzz target throws when an invariant breaks: any other exception escaping a
// parser is a finding too, so targets let those through untouched.

export class InvariantBroken extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvariantBroken';
  }
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantBroken(message);
}

/** Reads option bits from the first byte of an input, so one input covers every mode. */
export function flagsOf(data: Buffer): { flags: number; rest: Buffer } {
  return { flags: data[0] ?? 0, rest: data.subarray(1) };
}
