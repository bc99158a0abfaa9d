// Round trips of what file offers carry: attachment lists (IP Messenger's escaped names
// and iptux's raw ones), the Pigeon keys in their extensions, and folder stream headers
// in any chunking.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeAttachments,
  DirStreamParser,
  encodeAttachments,
  encodeDirHeader,
  encodeParentHeader,
  FileAttr,
  type Attachment,
  type DirStreamEvent,
} from '../../../../src-main/core/ipmsg';
import {
  pigeonExtensions,
  readPigeonExtensions,
} from '../../../../src-main/core/transfer/pigeon-extensions';
import { corpusFiles } from './corpus';

const CONTROL = /[\0-\x1f\x7f]/g;
const safeInt = fc.maxSafeNat();
const uint32 = fc.integer({ min: 0, max: 0xffffffff });
const name = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
/** Extension values are wire text, one character per byte (latin1), never ':'. */
const extensionValue = fc
  .string({
    unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)),
    maxLength: 20,
  })
  .map((v) => v.replace(/[:\x7f]/g, ''));

const attachmentList = fc.uniqueArray(
  fc.record({
    fileId: uint32,
    name,
    size: safeInt,
    mtime: safeInt,
    attr: uint32,
    extensions: fc.array(fc.record({ key: uint32, value: extensionValue }), { maxLength: 3 }),
  }),
  { selector: (a) => a.fileId, minLength: 1, maxLength: 8 },
);

/** What a reader gets back: control characters as '_', and ':' as ';' toward iptux. */
function asRead(list: Attachment[], escapeColons: boolean): Attachment[] {
  return list.map((a) => {
    const clean = a.name.replace(CONTROL, '_');
    return { ...a, name: escapeColons ? clean : clean.replace(/:/g, ';') };
  });
}

describe('attachment lists', () => {
  it('read back as written, escaped (IP Messenger) or not (iptux), in UTF-8', () => {
    fc.assert(
      fc.property(attachmentList, fc.boolean(), (list, escapeColons) => {
        const bytes = encodeAttachments(list, { encoding: 'utf8', escapeColons });
        const read = decodeAttachments(bytes, { utf8Flag: true, legacy: 'gb18030' });
        expect(read.malformed).toBe(0);
        expect(read.attachments).toEqual(asRead(list, escapeColons));
      }),
      { numRuns: 500 },
    );
  });

  it('every list of the corpus reads back the same after Pigeon writes it again', () => {
    for (const list of corpusFiles('attachments')) {
      const first = decodeAttachments(list, { utf8Flag: false, legacy: 'gb18030' });
      expect(first.attachments.length).toBeGreaterThan(0);
      const again = decodeAttachments(
        encodeAttachments(first.attachments, { encoding: 'utf8', escapeColons: true }),
        { utf8Flag: true, legacy: 'gb18030' },
      );
      expect(again.attachments).toEqual(first.attachments);
    }
  });

  it("Pigeon's own keys (SHA-256, picture, folder size) survive the list", () => {
    const info = fc.record(
      {
        sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
        image: fc.constant(true),
        contentBytes: safeInt,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(info, name, (item, itemName) => {
        const list = [
          {
            fileId: 0,
            name: itemName,
            size: 1,
            mtime: 1,
            attr: 1,
            extensions: pigeonExtensions(item),
          },
        ];
        const bytes = encodeAttachments(list, { encoding: 'utf8', escapeColons: true });
        const [read] = decodeAttachments(bytes, { utf8Flag: true, legacy: 'gb18030' }).attachments;
        expect(read && readPigeonExtensions(read)).toEqual(item);
      }),
    );
  });
});

/** Events with data joined, so that chunkings compare. */
function summary(events: DirStreamEvent[]): unknown[] {
  const out: unknown[] = [];
  for (const e of events) {
    const last = out[out.length - 1] as { data?: string } | undefined;
    if (e.type === 'data' && last?.data !== undefined) last.data += e.bytes.toString('latin1');
    else if (e.type === 'data') out.push({ data: e.bytes.toString('latin1') });
    else out.push(e.type === 'entry' ? e.entry : { type: e.type });
  }
  return out;
}

describe('folder stream headers', () => {
  const file = fc.record({ name, content: fc.uint8Array({ maxLength: 40 }), mtime: safeInt });
  const cuts = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 });

  it('a folder of files reads back, whatever the chunking', () => {
    fc.assert(
      fc.property(name, fc.array(file, { maxLength: 5 }), cuts, (folder, files, sizes) => {
        const names = { encoding: 'utf8', escapeColons: true } as const;
        const stream = Buffer.concat([
          encodeDirHeader({ name: folder, size: 0, attr: FileAttr.DIR }, names),
          ...files.flatMap((f) => [
            encodeDirHeader(
              { name: f.name, size: f.content.length, attr: FileAttr.REGULAR, mtime: f.mtime },
              names,
            ),
            Buffer.from(f.content),
          ]),
          encodeParentHeader(names),
        ]);
        const parser = new DirStreamParser({ utf8Flag: true, legacy: 'gb18030' });
        const events: DirStreamEvent[] = [];
        for (let at = 0, i = 0; at < stream.length; at += sizes[i++ % sizes.length] as number) {
          events.push(
            ...parser.push(stream.subarray(at, at + (sizes[i % sizes.length] as number))),
          );
        }
        events.push(...parser.finish());
        const whole = new DirStreamParser({ utf8Flag: true, legacy: 'gb18030' });
        expect(summary(events)).toEqual(summary([...whole.push(stream), ...whole.finish()]));

        const entries = events.flatMap((e) => (e.type === 'entry' ? [e.entry] : []));
        expect(entries[0]).toMatchObject({ kind: 'directory', name: folder.replace(CONTROL, '_') });
        files.forEach((f, i) => {
          expect(entries[i + 1]).toMatchObject({
            kind: 'file',
            name: f.name.replace(CONTROL, '_'),
            size: f.content.length,
            mtime: f.mtime,
          });
        });
        expect(events[events.length - 1]).toEqual({ type: 'end' });
      }),
      { numRuns: 300 },
    );
  });

  it('every stream of the corpus ends cleanly', () => {
    for (const stream of corpusFiles('folder-streams')) {
      const parser = new DirStreamParser({ utf8Flag: false, legacy: 'gb18030' });
      const events = [...parser.push(stream), ...parser.finish()];
      expect(events[events.length - 1]).toEqual({ type: 'end' });
    }
  });
});
