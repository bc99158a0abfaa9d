import { describe, expect, it } from 'vitest';
import { createDatagramIntake } from '../../../src-main/core/net/datagram-intake';
import type { Endpoint } from '../../../src-main/core/net/endpoint';
import { NetworkStats } from '../../../src-main/core/net/network-stats';
import { RateLimiter } from '../../../src-main/core/net/rate-limiter';

const FLOODER = '10.0.0.66';

function intake() {
  const stats = new NetworkStats();
  const dispatched: string[] = [];
  const refused: Endpoint[] = [];
  const now = (): number => 0;
  const take = createDatagramIntake({
    stats,
    limiter: new RateLimiter(2000, 4000, 4096, now),
    presenceLimiter: new RateLimiter(50, 200, 4096, now),
    legacy: 'gb18030',
    isOwn: () => false,
    dispatch: (packet) => {
      dispatched.push(packet.user);
      return true;
    },
    onRefused: (from) => refused.push(from),
    onFault: () => {},
  });
  const send = (text: string, address = FLOODER, port = 2425): void =>
    take({ bytes: Buffer.from(text), address, port });
  return { stats, dispatched, refused, send };
}

describe('datagram intake', () => {
  it('takes entries from one address only within their own, smaller budget', () => {
    const i = intake();
    // Entries (BR_ENTRY, ANSENTRY), absence notices and exits under ever new names.
    for (let n = 0; n < 1000; n += 1) {
      const mode = [0x1, 0x3 | 0x1000000, 0x4, 0x2][n % 4];
      i.send(`1:${n + 1}:u${n}:h${n}:${mode}:Flood ${n}\0g\0`);
    }
    expect(i.dispatched).toHaveLength(200);
    expect(i.stats.snapshot().dropped.rateLimited).toBe(800);
    // Refused, not vanished: the flood watch hears of each one.
    expect(i.refused).toHaveLength(800);
    expect(i.refused[0]).toEqual({ address: FLOODER, port: 2425 });
  });

  it('still takes messages from an address whose entries are over budget', () => {
    const i = intake();
    for (let n = 0; n < 300; n += 1) i.send(`1:${n + 1}:u${n}:h${n}:1:Flood\0g\0`);
    i.send('1:9001:bob:box:32:hello\0');
    expect(i.dispatched.at(-1)).toBe('bob');
    // Another address's entries have their own budget.
    i.send('1:9002:carol:desk:1:Carol\0g\0', '10.0.0.7');
    expect(i.dispatched.at(-1)).toBe('carol');
  });

  it('takes every user of a shared host, each announcing from its own port', () => {
    const i = intake();
    // A terminal server: 300 IPMsg users on one address, ports 2425 to 2724, each announcing
    // and answering a few times.
    for (let round = 0; round < 3; round += 1) {
      for (let n = 0; n < 300; n += 1)
        i.send(`1:${round * 300 + n + 1}:u${n}:ts:1:User ${n}\0g\0`, FLOODER, 2425 + n);
    }
    expect(i.dispatched).toHaveLength(900);
    expect(i.stats.snapshot().dropped.rateLimited).toBe(0);
  });
});
