import { describe, expect, it } from 'vitest';
import { PeerDirectory, toPeerDTO } from '../../../src-main/core/discovery/peer-directory';

describe('PeerDirectory', () => {
  it('keeps identity by user@host across an address change', () => {
    const dir = new PeerDirectory();
    const first = dir.upsert({
      user: 'li',
      host: 'pc1',
      address: '10.0.0.5',
      port: 2425,
      nickname: '小李',
      group: 'R&D',
      at: 1,
    });
    expect(first.changed).toBe(true);
    const moved = dir.upsert({ user: 'li', host: 'pc1', address: '10.0.0.9', port: 2425, at: 2 });
    expect(moved.changed).toBe(true);
    expect(moved.peer).toMatchObject({
      id: 'li@pc1',
      nickname: '小李',
      group: 'R&D',
      address: '10.0.0.9',
    });
    expect(dir.findByAddress('10.0.0.5', 2425)).toBeUndefined();
    expect(dir.findByAddress('10.0.0.9', 2425)?.id).toBe('li@pc1');
    expect(dir.all()).toHaveLength(1);
  });

  it('reports no visible change for a repeat sighting, and falls back to the user name', () => {
    const dir = new PeerDirectory();
    dir.upsert({ user: 'wang', host: 'h', address: '10.0.0.1', port: 2425, nickname: '', at: 1 });
    expect(dir.get('wang@h')?.nickname).toBe('wang');
    expect(
      dir.upsert({ user: 'wang', host: 'h', address: '10.0.0.1', port: 2425, at: 5 }).changed,
    ).toBe(false);
    expect(dir.get('wang@h')?.lastSeen).toBe(5);
  });

  it('ages out silent peers once, and a new sighting brings them back online', () => {
    const dir = new PeerDirectory();
    dir.upsert({ user: 'a', host: 'h', address: '10.0.0.1', port: 2425, at: 0 });
    dir.upsert({ user: 'b', host: 'h', address: '10.0.0.2', port: 2425, at: 900 });
    expect(dir.ageOut(1000, 500).map((p) => p.id)).toEqual(['a@h']);
    expect(dir.ageOut(1000, 500)).toEqual([]);
    expect(
      dir.upsert({ user: 'a', host: 'h', address: '10.0.0.1', port: 2425, at: 1001 }).peer.status,
    ).toBe('online');
    expect(toPeerDTO(dir.get('a@h')!)).not.toHaveProperty('capabilities');
  });
});
