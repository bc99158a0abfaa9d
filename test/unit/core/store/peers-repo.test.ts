import { afterEach, describe, expect, it } from 'vitest';
import type { PeerRecord } from '../../../../src-main/core/discovery/peer-directory';
import { openDatabase, type PigeonDatabase } from '../../../../src-main/core/store/database';
import { PeersRepo } from '../../../../src-main/core/store/peers-repo';
import { tempFile } from './helpers';

const opened: PigeonDatabase[] = [];
function peersIn(file: string | ':memory:' = ':memory:') {
  const db = openDatabase(file);
  opened.push(db);
  return { db, peers: new PeersRepo(db) };
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const peer = (fields: Partial<PeerRecord> = {}): PeerRecord => ({
  id: 'zhang@desk-7',
  user: 'zhang',
  host: 'desk-7',
  nickname: '小张',
  group: '研发部',
  address: '192.168.1.23',
  port: 2425,
  status: 'online',
  client: 'feiq',
  version: '1_lbt6_0#128#C85B76AF2E5C#0#0#0#4001#9',
  capabilities: 0x80000000 | 0x00200000,
  lastSeen: 1_790_000_000_000,
  ...fields,
});

describe('PeersRepo', () => {
  it('remembers peers across a restart, offline until they speak', () => {
    const file = tempFile();
    const first = peersIn(file);
    first.peers.upsert(peer());
    first.peers.upsert(
      peer({ id: 'li@lab', user: 'li', host: 'lab', nickname: 'Li', client: 'iptux' }),
    );
    opened.pop()!.close();
    const { peers } = peersIn(file);
    expect(peers.all()).toEqual([
      peer({ status: 'offline' }),
      peer({
        id: 'li@lab',
        user: 'li',
        host: 'lab',
        nickname: 'Li',
        client: 'iptux',
        status: 'offline',
      }),
    ]);
  });

  it('updates a peer in place when it changes address or name', () => {
    const { peers } = peersIn();
    peers.upsert(peer());
    peers.upsert(peer({ id: 'other@pc', user: 'other', host: 'pc' }));
    peers.upsert(peer({ address: '10.0.0.9', nickname: '张三', lastSeen: 1_790_000_100_000 }));
    expect(peers.all().map((p) => p.id)).toEqual(['zhang@desk-7', 'other@pc']);
    expect(peers.get('zhang@desk-7')).toMatchObject({
      address: '10.0.0.9',
      nickname: '张三',
      lastSeen: 1_790_000_100_000,
    });
  });

  it('notes when a peer was last heard, never going back in time', () => {
    const { peers } = peersIn();
    peers.upsert(peer({ lastSeen: 5000 }));
    peers.touch('zhang@desk-7', 9000);
    peers.touch('zhang@desk-7', 7000);
    peers.touch('unknown@pc', 9000);
    expect(peers.get('zhang@desk-7')?.lastSeen).toBe(9000);
    expect(peers.get('unknown@pc')).toBeUndefined();
  });

  it('stores many peers at once, and forgets one on request', () => {
    const { peers } = peersIn();
    peers.upsertMany([peer(), peer({ id: 'a@b', user: 'a', host: 'b' })]);
    expect(peers.all()).toHaveLength(2);
    expect(peers.remove('a@b')).toBe(true);
    expect(peers.remove('a@b')).toBe(false);
    expect(peers.all().map((p) => p.id)).toEqual(['zhang@desk-7']);
  });

  it('forgets several peers in one write', () => {
    const { peers } = peersIn();
    peers.upsertMany([peer(), peer({ id: 'a@b', user: 'a', host: 'b' })]);
    peers.upsertMany([peer({ id: 'c@d', user: 'c', host: 'd' })]);
    peers.removeMany(['a@b', 'c@d', 'nobody@nowhere']);
    expect(peers.all().map((p) => p.id)).toEqual(['zhang@desk-7']);
  });

  it('reads a client name it does not know as unknown', () => {
    const { db, peers } = peersIn();
    peers.upsert(peer());
    db.sqlite.prepare("UPDATE peers SET client = '<script>' WHERE id = ?").run('zhang@desk-7');
    expect(peers.get('zhang@desk-7')?.client).toBe('unknown');
  });

  it("keeps a contact's signature and avatar across a restart", () => {
    const file = tempFile();
    const first = peersIn(file);
    first.peers.upsert(peer({ signature: '今天也要加油', avatar: '0123456789abcdef' }));
    first.peers.upsert(peer({ id: 'li@lab', user: 'li', host: 'lab' }));
    opened.pop()!.close();
    const { peers } = peersIn(file);
    expect(peers.get('zhang@desk-7')).toMatchObject({
      signature: '今天也要加油',
      avatar: '0123456789abcdef',
    });
    const plain = peers.get('li@lab')!;
    expect('signature' in plain || 'avatar' in plain).toBe(false);
  });

  it('reads a tampered signature and avatar from the file as it would from the network', () => {
    const { db, peers } = peersIn();
    peers.upsert(peer());
    db.sqlite
      .prepare('UPDATE peers SET signature = ?, avatar = ? WHERE id = ?')
      .run(`a\u202eb\n${'长'.repeat(300)}`, '../../etc/passwd', 'zhang@desk-7');
    const read = peers.get('zhang@desk-7')!;
    expect(read.signature).toMatch(/^a b 长+$/);
    expect(read.signature!.length).toBeLessThanOrEqual(100);
    expect(read.avatar).toBeUndefined();
  });
});
