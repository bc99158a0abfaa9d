// The registry decides what the file server may send: only what was offered, only to the
// peer it was offered to, only until released, withdrawn or expired.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileAttr } from '../../../../src-main/core/ipmsg';
import {
  describeForOffer,
  normalizeAddress,
  OfferRegistry,
  toAttachments,
  type OfferedItem,
} from '../../../../src-main/core/transfer/outgoing/offer-registry';

const FILE: OfferedItem = { path: '/data/a.txt', name: 'a.txt', kind: 'file', size: 10, mtime: 5 };
const FOLDER: OfferedItem = {
  path: '/data/docs',
  name: 'docs',
  kind: 'directory',
  size: 0,
  mtime: 6,
};

function registry(start = 1000) {
  let now = start;
  const reg = new OfferRegistry({ ttlMs: 60_000, now: () => now, firstFileId: () => 100 });
  return { reg, advance: (ms: number) => (now += ms) };
}

describe('OfferRegistry', () => {
  it('numbers the files of an offer and finds them for the peer they went to', () => {
    const { reg } = registry();
    const offer = reg.offer(1700000001, '10.0.0.2', [FILE, FOLDER]);
    expect(offer.files.map((f) => f.fileId)).toEqual([100, 101]);
    expect(reg.lookup(1700000001, 100, '10.0.0.2')?.file).toMatchObject({ name: 'a.txt' });
    expect(reg.lookup(1700000001, 101, '10.0.0.2')?.file).toMatchObject({ kind: 'directory' });
  });

  it('gives nothing to another peer, for another message or another file', () => {
    const { reg } = registry();
    reg.offer(7, '10.0.0.2', [FILE]);
    expect(reg.lookup(7, 100, '10.0.0.3')).toBeUndefined();
    expect(reg.lookup(8, 100, '10.0.0.2')).toBeUndefined();
    expect(reg.lookup(7, 101, '10.0.0.2')).toBeUndefined();
  });

  it('matches an IPv4 peer seen through a dual-stack socket', () => {
    const { reg } = registry();
    reg.offer(7, '10.0.0.2', [FILE]);
    expect(reg.lookup(7, 100, '::ffff:10.0.0.2')).toBeDefined();
    expect(normalizeAddress('::FFFF:192.168.1.9')).toBe('192.168.1.9');
    expect(normalizeAddress('fe80::1')).toBe('fe80::1');
  });

  it('keeps offers of one message to several peers apart', () => {
    const { reg } = registry();
    reg.offer(7, '10.0.0.2', [FILE]);
    reg.offer(7, '10.0.0.3', [FILE]);
    expect(reg.release(7, '10.0.0.2')).toBe(true);
    expect(reg.lookup(7, 100, '10.0.0.2')).toBeUndefined();
    expect(reg.lookup(7, 100, '10.0.0.3')).toBeDefined();
    expect(reg.release(7, '10.0.0.2')).toBe(false);
  });

  it('withdraws an offer from every peer at once', () => {
    const { reg } = registry();
    reg.offer(7, '10.0.0.2', [FILE]);
    reg.offer(7, '10.0.0.3', [FILE]);
    reg.offer(8, '10.0.0.3', [FILE]);
    expect(reg.withdraw(7)).toBe(2);
    expect(reg.list().map((o) => o.packetNo)).toEqual([8]);
  });

  it('forgets offers when their time is up', () => {
    const { reg, advance } = registry();
    reg.offer(7, '10.0.0.2', [FILE]);
    reg.offer(8, '10.0.0.2', [FILE], { ttlMs: 120_000 });
    advance(59_999);
    expect(reg.lookup(7, 100, '10.0.0.2')).toBeDefined();
    advance(1);
    expect(reg.lookup(7, 100, '10.0.0.2')).toBeUndefined();
    expect(reg.size).toBe(1);
    advance(60_000);
    expect(reg.sweep()).toBe(1);
    expect(reg.size).toBe(0);
  });

  it('draws random fileID bases by default, leaving room for the whole offer', () => {
    const reg = new OfferRegistry();
    const ids = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const offer = reg.offer(i, '10.0.0.2', [FILE, FILE, FILE]);
      for (const f of offer.files) expect(f.fileId).toBeLessThanOrEqual(0x3fffffff);
      ids.add(offer.files[0]?.fileId ?? -1);
    }
    expect(ids.size).toBeGreaterThan(15);
  });

  it('refuses empty offers and bad packet numbers', () => {
    const { reg } = registry();
    expect(() => reg.offer(7, '10.0.0.2', [])).toThrow(RangeError);
    expect(() => reg.offer(-1, '10.0.0.2', [FILE])).toThrow(RangeError);
    expect(() => reg.offer(2 ** 32, '10.0.0.2', [FILE])).toThrow(RangeError);
  });

  it('turns an offer into an attachment list', () => {
    const { reg } = registry();
    const offer = reg.offer(7, '10.0.0.2', [FILE, FOLDER]);
    expect(toAttachments(offer)).toEqual([
      { fileId: 100, name: 'a.txt', size: 10, mtime: 5, attr: FileAttr.REGULAR },
      { fileId: 101, name: 'docs', size: 0, mtime: 6, attr: FileAttr.DIR },
    ]);
  });
});

describe('describeForOffer', () => {
  it('describes files and folders on disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pigeon-offer-'));
    try {
      await writeFile(join(dir, 'f.bin'), Buffer.alloc(1234));
      await mkdir(join(dir, 'sub'));
      expect(await describeForOffer(join(dir, 'f.bin'))).toMatchObject({
        name: 'f.bin',
        kind: 'file',
        size: 1234,
      });
      expect(await describeForOffer(join(dir, 'sub'), 'Shown')).toMatchObject({
        name: 'Shown',
        kind: 'directory',
        size: 0,
      });
      await expect(describeForOffer(join(dir, 'missing'))).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
