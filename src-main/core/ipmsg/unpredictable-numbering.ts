import { randomInt } from 'node:crypto';
import type { NumberingChance } from './packet-number';

/**
 * A run's numbers start up to about a day above the clock (so a restart stays above
 * most of the last run's numbers; the stored ones are a floor anyway) and rise by 1 to
 * 64 a packet: still increasing, as iptux requires, but not guessable from the clock or
 * from one number seen on the wire.
 */
export function unpredictableNumbering(): NumberingChance {
  return { offset: randomInt(1, 86_400), step: () => randomInt(1, 65) };
}
