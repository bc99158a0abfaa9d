import { describe, expect, it } from 'vitest';
import {
  avatarHashOf,
  checkAvatarImage,
  MAX_AVATAR_BYTES,
} from '../../../../src-main/core/avatars/avatar-image';
import { makePng } from '../../../lab/png';

const square = (side: number) => makePng(side, side, (x, y) => [x * 3, y * 3, 128]);

/** A baseline JPEG's first bytes: SOI, an APP0 segment, then SOF0 with height and width. */
function jpegHeader(width: number, height: number): Buffer {
  const app0 = Buffer.from([
    0xff,
    0xe0,
    0x00,
    0x10,
    ...Buffer.from('JFIF\0'),
    1,
    1,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
  ]);
  const sof = Buffer.from([
    0xff,
    0xc0,
    0x00,
    0x11,
    8,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    3,
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.alloc(12)]);
}

function gifHeader(width: number, height: number): Buffer {
  const head = Buffer.alloc(13);
  head.write('GIF89a', 0, 'latin1');
  head.writeUInt16LE(width, 6);
  head.writeUInt16LE(height, 8);
  return head;
}

function webpLossless(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(40);
  bytes.write('RIFF', 0, 'latin1');
  bytes.writeUInt32LE(32, 4);
  bytes.write('WEBPVP8L', 8, 'latin1');
  bytes[20] = 0x2f;
  bytes.writeUInt32LE((width - 1) | ((height - 1) << 14), 21);
  return bytes;
}

describe('avatar pictures: what is accepted, from the user or a peer', () => {
  it('accepts a small PNG, JPEG, GIF and WebP by their first bytes, with their sizes', () => {
    expect(checkAvatarImage(square(96))).toEqual({
      ok: true,
      mimeType: 'image/png',
      width: 96,
      height: 96,
    });
    expect(checkAvatarImage(jpegHeader(64, 48))).toMatchObject({
      mimeType: 'image/jpeg',
      width: 64,
      height: 48,
    });
    expect(checkAvatarImage(gifHeader(32, 32))).toMatchObject({ mimeType: 'image/gif' });
    expect(checkAvatarImage(webpLossless(48, 40))).toMatchObject({
      mimeType: 'image/webp',
      width: 48,
      height: 40,
    });
  });

  it('refuses what is not a picture: SVG, HTML, scripts, an empty or truncated file', () => {
    const refused = [
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      Buffer.from('<html><body>hi</body></html>'),
      Buffer.from('#!/bin/sh\nrm -rf ~\n'),
      Buffer.alloc(0),
      square(96).subarray(0, 20),
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01]),
    ];
    for (const bytes of refused) expect(checkAvatarImage(bytes).ok).toBe(false);
  });

  it('refuses a picture larger than 32 KiB or 256 px a side, whatever its header claims', () => {
    const padded = Buffer.concat([square(8), Buffer.alloc(MAX_AVATAR_BYTES)]);
    expect(checkAvatarImage(padded)).toEqual({ ok: false, reason: 'larger than 32 KiB' });
    expect(checkAvatarImage(square(257)).ok).toBe(false);
    // A header claiming 60000 × 60000 (a decompression bomb) in a few bytes.
    expect(checkAvatarImage(gifHeader(60000, 60000)).ok).toBe(false);
    expect(checkAvatarImage(jpegHeader(1, 9000)).ok).toBe(false);
    expect(checkAvatarImage(gifHeader(0, 10)).ok).toBe(false);
  });

  it('names a picture by the first 16 hex digits of its SHA-256', () => {
    const png = square(4);
    expect(avatarHashOf(png)).toMatch(/^[0-9a-f]{16}$/);
    expect(avatarHashOf(png)).toBe(avatarHashOf(Buffer.from(png)));
    expect(avatarHashOf(square(5))).not.toBe(avatarHashOf(png));
  });
});
