import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContractError, MAX_PICTURE_BASE64_CHARS } from '../../../src-shared/contract';
import {
  createHandlers,
  windowlessHooks,
  type ShellHooks,
} from '../../../src-main/adapters/handlers';
import { isPictureOf, pictureFileName } from '../../../src-main/adapters/picture-check';
import { writePicture } from '../../../src-main/adapters/picture-file';
import { createFakeCore } from './fake-core';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const GIF = Buffer.from('GIF89a\x01\x00', 'latin1');
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([36, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
]);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pigeon-picture-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function handlersWith(stagePicture: ShellHooks['stagePicture']) {
  return createHandlers(createFakeCore(), { ...windowlessHooks, stagePicture });
}

describe('picture check', () => {
  it('knows each type by its first bytes and no other', () => {
    const samples = { 'image/png': PNG, 'image/jpeg': JPEG, 'image/gif': GIF, 'image/webp': WEBP };
    for (const [type, bytes] of Object.entries(samples)) {
      for (const other of Object.keys(samples)) {
        expect(isPictureOf(other as keyof typeof samples, bytes), `${type} as ${other}`).toBe(
          other === type,
        );
      }
    }
    // RIFF alone is also a WAV file.
    const wav = Buffer.concat([
      Buffer.from('RIFF'),
      Buffer.from([36, 0, 0, 0]),
      Buffer.from('WAVE'),
    ]);
    expect(isPictureOf('image/webp', wav)).toBe(false);
    expect(isPictureOf('image/png', PNG.subarray(0, 7))).toBe(false);
    expect(isPictureOf('image/jpeg', new Uint8Array())).toBe(false);
  });

  it("gives a picture its type's extension unless it has one", () => {
    expect(pictureFileName('image.png', 'image/png')).toBe('image.png');
    expect(pictureFileName('Photo.JPEG', 'image/jpeg')).toBe('Photo.JPEG');
    expect(pictureFileName('image.png', 'image/jpeg')).toBe('image.png.jpg');
    expect(pictureFileName('截图', 'image/webp')).toBe('截图.webp');
  });
});

describe('stagePicture channel', () => {
  it('decodes the picture and passes its bytes and name to the shell', async () => {
    const stage = vi.fn(async (name: string) => `/staged/${name}`);
    const reply = await handlersWith(stage).stagePicture({
      name: '截图 2026',
      mimeType: 'image/gif',
      base64: GIF.toString('base64'),
    });
    expect(reply).toEqual({ path: '/staged/截图 2026.gif' });
    expect(stage).toHaveBeenCalledWith('截图 2026.gif', GIF);
  });

  it('refuses bytes that are not the picture type they claim, before the shell sees them', async () => {
    const stage = vi.fn(async () => '/never');
    const handlers = handlersWith(stage);
    const cases = [
      { name: 'a.png', mimeType: 'image/png', base64: JPEG.toString('base64') },
      {
        name: 'a.gif',
        mimeType: 'image/gif',
        base64: Buffer.from('MZ\x90\x00').toString('base64'),
      },
    ];
    for (const request of cases) {
      const failure = await handlers.stagePicture(request).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ContractError);
      expect((failure as ContractError).code).toBe('invalid-request');
    }
    expect(stage).not.toHaveBeenCalled();
  });

  it.each([
    ['a name with a folder', { name: '../evil.png' }],
    ['a Windows path', { name: 'C:\\evil.png' }],
    ['a control character', { name: 'a\u0007.png' }],
    ['a name of dots', { name: '..' }],
    ['an empty name', { name: '  ' }],
    ['a name too long', { name: `${'a'.repeat(256)}` }],
    ['another type', { mimeType: 'image/svg+xml' }],
    ['text that is not base64', { base64: 'iVBORw0KGgo=<script>' }],
    ['no picture at all', { base64: '' }],
    ['too much', { base64: 'A'.repeat(MAX_PICTURE_BASE64_CHARS + 4) }],
  ])('refuses %s', async (_what, change) => {
    const stage = vi.fn(async () => '/never');
    const request = {
      name: 'image.png',
      mimeType: 'image/png',
      base64: PNG.toString('base64'),
      ...change,
    };
    await expect(handlersWith(stage).stagePicture(request)).rejects.toMatchObject({
      code: 'invalid-request',
    });
    expect(stage).not.toHaveBeenCalled();
  });
});

describe('writing a staged picture', () => {
  it('writes the bytes into a folder it makes, never over another file', async () => {
    const pasted = path.join(dir, 'Pigeon', 'pasted');
    const first = await writePicture(pasted, 'image.png', PNG);
    const second = await writePicture(pasted, 'image.png', JPEG);
    expect(first).toBe(path.join(pasted, 'image.png'));
    expect(second).toBe(path.join(pasted, 'image (1).png'));
    expect(await readFile(first)).toEqual(PNG);
    expect(await readFile(second)).toEqual(JPEG);
  });

  it('makes a hostile name a plain one inside the folder', async () => {
    await writeFile(path.join(dir, 'CON.png'), 'taken');
    const written = await writePicture(dir, 'CON.png', PNG);
    expect(path.dirname(written)).toBe(dir);
    expect(path.basename(written)).toBe('_CON.png');
    expect((await readdir(dir)).sort()).toEqual(['CON.png', '_CON.png']);
  });

  it('windowless hooks stage into the temporary folder', async () => {
    const written = await windowlessHooks.stagePicture('pigeon-test-picture.png', PNG);
    try {
      expect(written.startsWith(path.join(os.tmpdir(), 'Pigeon', 'pasted'))).toBe(true);
      expect(await readFile(written)).toEqual(PNG);
    } finally {
      await rm(written, { force: true });
    }
  });
});

describe('the pasted folder', () => {
  it('is made for the user alone', async () => {
    const pasted = path.join(dir, 'data', 'pasted');
    await writePicture(pasted, 'a.png', PNG);
    // Windows has no such mode bits; its user-data folder is the user's own already.
    const expected = process.platform === 'win32' ? expect.any(Number) : 0;
    expect((await stat(pasted)).mode & 0o077).toEqual(expected);
  });
});
