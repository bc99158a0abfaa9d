import { createHash, randomBytes } from 'node:crypto';
import { appendFile, chmod, mkdir, mkdtemp, open, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileAttr } from '../../../../src-main/core/ipmsg';
import {
  describeOffer,
  fingerprintFile,
  folderContentBytes,
  hashFile,
  offerAttachments,
} from '../../../../src-main/core/transfer/outgoing/outgoing-offer';
import { OfferRegistry } from '../../../../src-main/core/transfer/outgoing/offer-registry';
import { offeredItems } from '../../../../src-main/core/transfer/outgoing/outgoing-offer';
import { stampOf } from '../../../../src-main/core/transfer/outgoing/file-stamp';
import { PigeonKey } from '../../../../src-main/core/transfer/pigeon-extensions';
import {
  checkImageFile,
  imageMimeType,
  keepImageCopy,
  MAX_IMAGE_BYTES,
  readImage,
} from '../../../../src-main/core/transfer/transfer-images';

let dir: string;
let file: string;
let folder: string;
const bytes = randomBytes(3 * 1024 * 1024 + 17);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pigeon-offer-'));
  file = join(dir, 'data.bin');
  await writeFile(file, bytes);
  folder = join(dir, 'album');
  await mkdir(join(folder, 'a', 'b'), { recursive: true });
  await writeFile(join(folder, 'one.txt'), '12345');
  await writeFile(join(folder, 'a', 'b', 'two.txt'), '1234567');
  await writeFile(join(folder, 'a', 'empty.txt'), '');
  // A link is never followed, so what it points to is not counted (nor sent).
  await symlink(file, join(folder, 'link.bin'));
});

describe('describeOffer', () => {
  it('hashes files by streaming and measures folders without following links', async () => {
    expect(await hashFile(file)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await folderContentBytes(folder)).toBe(12);
    const items = await describeOffer([file, folder]);
    expect(items).toMatchObject([
      { name: 'data.bin', kind: 'file', size: bytes.length, path: file },
      { name: 'album', kind: 'directory', size: 0, contentBytes: 12, path: folder },
    ]);
    expect(items[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses in plain words a path that is missing, relative or unreadable', async () => {
    await expect(describeOffer([join(dir, 'missing.txt')])).rejects.toMatchObject({
      code: 'invalid-request',
      message: '"missing.txt" cannot be offered: it does not exist.',
    });
    await expect(describeOffer(['relative.txt'])).rejects.toMatchObject({
      code: 'invalid-request',
    });
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked.txt');
      await writeFile(locked, 'secret');
      await chmod(locked, 0);
      await expect(describeOffer([locked])).rejects.toMatchObject({
        message: expect.stringMatching(/not allowed to read/),
      });
    }
  });

  it('puts Pigeon extensions in the list only toward Pigeons', async () => {
    const items = await describeOffer([file, folder]);
    const offer = new OfferRegistry().offer(1, '10.0.0.2', offeredItems(items));
    const plain = offerAttachments(offer.files, items, { toPigeon: false, image: false });
    expect(plain.map((a) => a.extensions)).toEqual([undefined, undefined]);
    expect(plain.map((a) => a.attr)).toEqual([FileAttr.REGULAR, FileAttr.DIR]);
    const rich = offerAttachments(offer.files, items, { toPigeon: true, image: true });
    expect(rich[0]?.extensions).toEqual([
      { key: PigeonKey.SHA256, value: items[0]?.sha256 },
      { key: PigeonKey.IMAGE, value: '1' },
    ]);
    expect(rich[1]?.extensions).toContainEqual({ key: PigeonKey.CONTENT_BYTES, value: 'c' });
  });

  it('stamps each file as hashed, and tells a Pigeon a sealed file is checked as it is sent', async () => {
    const items = await describeOffer([file, folder]);
    expect(items[0]?.stamp).toMatch(/^\d+:\d+:\d+:\d+:\d+$/);
    expect(items[1]?.stamp).toBeUndefined();
    const sealed = new OfferRegistry().offer(1, '10.0.0.2', offeredItems(items), { sealed: true });
    expect(sealed.files[0]?.stamp).toBe(items[0]?.stamp);
    const list = offerAttachments(sealed.files, items, { toPigeon: true, image: false });
    expect(list[0]?.extensions).toContainEqual({ key: PigeonKey.SENDER_CHECKS, value: '1' });
    expect(list[1]?.extensions).not.toContainEqual({ key: PigeonKey.SENDER_CHECKS, value: '1' });
    // Plain (no transfer key), nothing is checked on the way: the receiver hashes.
    const plain = new OfferRegistry().offer(2, '10.0.0.2', offeredItems(items));
    const unsealed = offerAttachments(plain.files, items, { toPigeon: true, image: false });
    expect(unsealed[0]?.extensions).not.toContainEqual({
      key: PigeonKey.SENDER_CHECKS,
      value: '1',
    });
  });

  it('gives a stamp that belongs to the hash, even for a file written while hashed', async () => {
    const path = join(dir, 'busy.bin');
    await writeFile(path, randomBytes(16 * 1024 * 1024));
    const before = await fingerprintFile(path);
    // Written while (most likely) being hashed: hashed again, or stamped after the write.
    const during = fingerprintFile(path);
    await appendFile(path, 'more');
    const after = await during;
    const handle = await open(path, 'r');
    const now = await stampOf(handle).finally(() => handle.close());
    expect(after).toEqual({ sha256: await hashFile(path), stamp: now });
    expect(after.stamp).not.toBe(before.stamp);
  });

  it('gives a folder its content size toward iptux only (0 toward IP Messenger)', async () => {
    const items = await describeOffer([file, folder]);
    const offer = new OfferRegistry().offer(1, '10.0.0.2', offeredItems(items));
    const ipmsg = offerAttachments(offer.files, items, { toPigeon: false, image: false });
    expect(ipmsg[1]?.size).toBe(0);
    const iptux = offerAttachments(offer.files, items, {
      toPigeon: false,
      image: false,
      folderSizes: true,
    });
    expect(iptux[1]?.size).toBe(items[1]?.contentBytes);
    expect(iptux[1]?.size).toBeGreaterThan(0);
    expect(iptux[0]?.size).toBe(ipmsg[0]?.size);
  });
});

describe('pictures', () => {
  it('knows PNG, JPEG, GIF and WebP by their extension', () => {
    expect(imageMimeType('a.PNG')).toBe('image/png');
    expect(imageMimeType('a.jpeg')).toBe('image/jpeg');
    expect(imageMimeType('a.gif')).toBe('image/gif');
    expect(imageMimeType('a.webp')).toBe('image/webp');
    expect(imageMimeType('a.svg')).toBeUndefined();
    expect(imageMimeType('png')).toBeUndefined();
  });

  it('refuses a non-picture, a folder and anything over 20 MB', async () => {
    await expect(checkImageFile(file)).rejects.toMatchObject({ code: 'invalid-request' });
    const big = join(dir, 'huge.png');
    await writeFile(big, Buffer.alloc(MAX_IMAGE_BYTES + 1));
    await expect(checkImageFile(big)).rejects.toMatchObject({
      message: expect.stringMatching(/larger than 20 MB/),
    });
    await expect(readImage(big)).rejects.toMatchObject({ code: 'failed' });
    await mkdir(join(dir, 'folder.png'));
    await expect(checkImageFile(join(dir, 'folder.png'))).rejects.toMatchObject({
      code: 'invalid-request',
    });
  });

  it('keeps a copy in the images folder under a fresh name and reads it back', async () => {
    const png = join(dir, 'shot.png');
    await writeFile(png, 'not really a png');
    const images = join(dir, 'images');
    await mkdir(images);
    const first = await keepImageCopy(png, images);
    const second = await keepImageCopy(png, images);
    expect(first).toBe(join(images, 'shot.png'));
    expect(second).toBe(join(images, 'shot (1).png'));
    expect(await readImage(second)).toEqual({
      mimeType: 'image/png',
      base64: Buffer.from('not really a png').toString('base64'),
    });
  });
});
