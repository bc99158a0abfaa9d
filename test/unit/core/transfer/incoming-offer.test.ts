import { describe, expect, it } from 'vitest';
import { encodeAttachments, FileAttr, type Attachment } from '../../../../src-main/core/ipmsg';
import { MAX_IMAGE_BYTES } from '../../../../src-main/core/transfer/transfer-images';
import {
  MAX_OFFERED_ITEMS,
  parseIncomingOffer,
  type IncomingOffer,
} from '../../../../src-main/core/transfer/incoming/incoming-offer';
import { sealedAndChecked } from '../../../../src-main/core/transfer/incoming/download-job';
import {
  pigeonExtensions,
  PigeonKey,
  readPigeonExtensions,
} from '../../../../src-main/core/transfer/pigeon-extensions';

const SHA = 'ab'.repeat(32);
const names = { encoding: 'utf8' as const, escapeColons: true };

function offer(list: Buffer | string, fields: Partial<IncomingOffer> = {}): IncomingOffer {
  return {
    conversationId: 'ann@box',
    messageId: 'm-1',
    peerId: 'ann@box',
    packetNo: 4242,
    attachments: typeof list === 'string' ? Buffer.from(list, 'latin1') : list,
    utf8: true,
    legacy: 'gb18030',
    fromPigeon: true,
    at: 1000,
    ...fields,
  };
}

const file = (fields: Partial<Attachment> = {}): Attachment => ({
  fileId: 1,
  name: 'report.pdf',
  size: 300,
  mtime: 0x6000,
  attr: FileAttr.REGULAR,
  ...fields,
});

describe('Pigeon attachment extensions', () => {
  it('survive the attachment codec and read back as sent', () => {
    const list = encodeAttachments(
      [
        file({ extensions: pigeonExtensions({ sha256: SHA, image: true }) }),
        file({
          fileId: 2,
          name: 'album',
          attr: FileAttr.DIR,
          size: 0,
          extensions: pigeonExtensions({ contentBytes: 0x12345 }),
        }),
      ],
      names,
    );
    const { record } = parseIncomingOffer(offer(list));
    expect(record?.items).toEqual([
      { name: 'report.pdf', size: 300, kind: 'file', fileId: 1, mtime: 0x6000, sha256: SHA },
      {
        name: 'album',
        size: 0,
        kind: 'directory',
        fileId: 2,
        mtime: 0x6000,
        contentBytes: 0x12345,
      },
    ]);
    expect(record?.totalBytes).toBe(300 + 0x12345);
  });

  it('use keys no other client defines (IP Messenger stops at 0x40)', () => {
    for (const key of Object.values(PigeonKey)) expect(key).toBeGreaterThan(0xffff);
  });

  it('skip the receiving hash only for a sealed file whose sender checks it', () => {
    const KEY = 'k'.repeat(43);
    const list = encodeAttachments(
      [
        file({
          extensions: pigeonExtensions({ sha256: SHA, transferKey: KEY, senderChecks: true }),
        }),
        // An older Pigeon: sealed, but it does not check the file as it sends.
        file({ fileId: 2, extensions: pigeonExtensions({ sha256: SHA, transferKey: KEY }) }),
        // The flag without sealing means nothing: only records vouch for bytes.
        file({ fileId: 3, extensions: pigeonExtensions({ sha256: SHA, senderChecks: true }) }),
      ],
      names,
    );
    const items = parseIncomingOffer(offer(list)).record?.items ?? [];
    expect(items.map((item) => item.checkedBySender)).toEqual([true, undefined, undefined]);
    expect(items.map(sealedAndChecked)).toEqual([true, false, false]);
    expect(items.every((item) => item.sha256 === SHA)).toBe(true);
    const fromOther = parseIncomingOffer(offer(list, { fromPigeon: false })).record;
    expect(fromOther?.items.some(sealedAndChecked)).toBe(false);
  });

  it('ignore malformed values', () => {
    const info = readPigeonExtensions({
      extensions: [
        { key: PigeonKey.SHA256, value: 'xyz' },
        { key: PigeonKey.IMAGE, value: 'yes' },
        { key: PigeonKey.CONTENT_BYTES, value: '-1' },
        { key: PigeonKey.SENDER_CHECKS, value: 'true' },
      ],
    });
    expect(info).toEqual({});
  });
});

describe('parseIncomingOffer', () => {
  it('keeps a plain offer from another client as files waiting to be accepted', () => {
    const list = encodeAttachments([file(), file({ fileId: 2, name: '照片.jpg', size: 5 })], names);
    const { record, ignored } = parseIncomingOffer(offer(list, { fromPigeon: false }));
    expect(ignored).toBe(0);
    expect(record).toMatchObject({
      direction: 'in',
      state: 'offered',
      packetNo: 4242,
      image: false,
      utf8: true,
      totalBytes: 305,
      bytesDone: 0,
      retryable: false,
    });
    expect(record?.items.map((i) => i.name)).toEqual(['report.pdf', '照片.jpg']);
  });

  it('trusts Pigeon extensions only from a Pigeon', () => {
    const list = encodeAttachments(
      [file({ name: 'photo.png', extensions: pigeonExtensions({ sha256: SHA, image: true }) })],
      names,
    );
    const fromOther = parseIncomingOffer(offer(list, { fromPigeon: false })).record;
    expect(fromOther?.items[0]?.sha256).toBeUndefined();
    expect(fromOther?.image).toBe(false);
    const fromPigeon = parseIncomingOffer(offer(list)).record;
    expect(fromPigeon?.image).toBe(true);
  });

  it('shows inline only a single file marked as a picture', () => {
    const image = pigeonExtensions({ image: true });
    const two = encodeAttachments(
      [file({ extensions: image }), file({ fileId: 2, extensions: image })],
      names,
    );
    expect(parseIncomingOffer(offer(two)).record?.image).toBe(false);
    const folder = encodeAttachments([file({ attr: FileAttr.DIR, extensions: image })], names);
    expect(parseIncomingOffer(offer(folder)).record?.image).toBe(false);
  });

  it('fetches unasked only a picture Pigeon can show, within the inline limit', () => {
    const image = pigeonExtensions({ image: true });
    const as = (fields: Partial<Attachment>) =>
      parseIncomingOffer(offer(encodeAttachments([file({ extensions: image, ...fields })], names)))
        .record?.image;
    expect(as({ name: 'shot.png', size: 1000 })).toBe(true);
    expect(as({ name: 'shot.png', size: MAX_IMAGE_BYTES })).toBe(true);
    // Anyone on the LAN can claim "picture": too big, or not a picture, waits to be accepted.
    expect(as({ name: 'shot.png', size: MAX_IMAGE_BYTES + 1 })).toBe(false);
    expect(as({ name: 'setup.exe', size: 1000 })).toBe(false);
    expect(as({ name: 'no-extension', size: 1000 })).toBe(false);
  });

  it('counts and leaves out entries it cannot read or fetch; all bad is no offer', () => {
    const list = Buffer.concat([
      encodeAttachments(
        [
          file(),
          file({ fileId: 2, attr: FileAttr.SYMLINK }),
          file({ fileId: 3, attr: FileAttr.CLIPBOARD }),
        ],
        names,
      ),
      Buffer.from('garbage\x07:1:dup:1:1:1:\x07x:y:z\x07', 'latin1'),
    ]);
    const { record, ignored } = parseIncomingOffer(offer(list));
    expect(record?.items.map((i) => i.fileId)).toEqual([1]);
    expect(ignored).toBe(5);
    expect(parseIncomingOffer(offer('\x07\x07::::\x00\xff\xfe')).record).toBeUndefined();
    expect(parseIncomingOffer(offer(Buffer.alloc(0))).record).toBeUndefined();
  });

  it(`keeps at most ${MAX_OFFERED_ITEMS} items`, () => {
    const many = Array.from({ length: MAX_OFFERED_ITEMS + 5 }, (_, i) =>
      file({ fileId: i, name: `f${i}` }),
    );
    const { record, ignored } = parseIncomingOffer(offer(encodeAttachments(many, names)));
    expect(record?.items).toHaveLength(MAX_OFFERED_ITEMS);
    expect(ignored).toBe(5);
  });

  it('never throws on random bytes', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let round = 0; round < 300; round++) {
      const bytes = Buffer.from(Array.from({ length: next() % 200 }, () => next() % 256));
      expect(() => parseIncomingOffer(offer(bytes, { utf8: round % 2 === 0 }))).not.toThrow();
    }
  });
});
