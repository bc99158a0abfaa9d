import { describe, expect, it } from 'vitest';
import { FloodWatch } from '../../../src-main/core/net/flood-watch';

function watch(known: Record<string, string>) {
  let now = 0;
  const told: [string, number][] = [];
  let lookups = 0;
  const floods = new FloodWatch({
    peerAt: (from) => {
      lookups += 1;
      const id = known[`${from.address}:${from.port}`];
      return id ? { id } : undefined;
    },
    tell: (peerId, at) => told.push([peerId, at]),
    quietMs: 1000,
    now: () => now,
  });
  return {
    floods,
    told,
    lookups: () => lookups,
    at: (t: number) => {
      now = t;
    },
  };
}

describe('FloodWatch', () => {
  it('tells once per quiet period per peer, and only for known peers', () => {
    const w = watch({ '10.0.0.2:2425': 'bob@box' });
    for (let i = 0; i < 500; i += 1) w.floods.refused({ address: '10.0.0.2', port: 2425 });
    for (let i = 0; i < 500; i += 1) w.floods.refused({ address: '10.0.0.9', port: 2425 });
    expect(w.told).toEqual([['bob@box', 0]]);
    // The directory is asked once per sender, not per refused datagram.
    expect(w.lookups()).toBe(2);
    w.at(999);
    w.floods.refused({ address: '10.0.0.2', port: 2425 });
    expect(w.told).toHaveLength(1);
    w.at(1000);
    w.floods.refused({ address: '10.0.0.2', port: 2425 });
    expect(w.told).toEqual([
      ['bob@box', 0],
      ['bob@box', 1000],
    ]);
  });

  it('stays bounded under a flood from ever-new ports', () => {
    const w = watch({});
    for (let port = 1; port <= 50_000; port += 1) w.floods.refused({ address: '10.0.0.3', port });
    expect(w.told).toEqual([]);
    expect(
      (w.floods as unknown as { lastTold: Map<string, number> }).lastTold.size,
    ).toBeLessThanOrEqual(1024);
  });
});
