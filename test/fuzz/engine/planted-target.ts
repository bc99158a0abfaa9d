// A target with a bug behind four nested checks, for the engine's own test: random
// inputs would need about 2^56 tries; coverage feedback finds it level by level, and
// the compared literal 'BUG!' reaches the mutator's words.
export function fuzz(data: Buffer): void {
  if (data[0] !== 0x50) return;
  if (data[1] !== 0x47) return;
  if (data[2] !== 0x4e) return;
  if (data.toString('latin1', 3, 7) === 'BUG!') throw new Error('planted bug reached');
}
