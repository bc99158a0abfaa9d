// The GETDIRFILES stream (interop reference §5): headers as IP Messenger and iptux write
// them, fed to the parser in every possible split, and the encoder's headers read back.
import { describe, expect, it } from 'vitest';
import {
  DirStreamParser,
  encodeDirHeader,
  encodeParentHeader,
  FileAttr,
  type DirStreamEvent,
} from '../../../../src-main/core/ipmsg';

/** A header with its 4-hex-digit length computed here, independently of the encoder. */
function header(body: string, encoding: BufferEncoding = 'utf8'): Buffer {
  const bytes = Buffer.from(`0000:${body}`, encoding);
  bytes.write(bytes.length.toString(16).padStart(4, '0'), 0, 'latin1');
  return bytes;
}

const UTF8: { utf8Flag: boolean; legacy: 'gb18030' } = { utf8Flag: true, legacy: 'gb18030' };

/** Events with each file's data joined, so different chunkings compare equal. */
function summarise(events: DirStreamEvent[]): unknown[] {
  const out: unknown[] = [];
  let data: Buffer[] | undefined;
  for (const e of events) {
    if (e.type === 'data') (data ??= []).push(e.bytes);
    else {
      if (data) out.push({ data: Buffer.concat(data).toString('latin1') });
      data = undefined;
      out.push(e.type === 'entry' ? { ...e.entry } : { type: e.type });
    }
  }
  return out;
}

function feed(stream: Buffer, splits: number[], opts = UTF8): DirStreamEvent[] {
  const parser = new DirStreamParser(opts);
  const events: DirStreamEvent[] = [];
  let at = 0;
  for (const end of [...splits, stream.length]) {
    events.push(...parser.push(stream.subarray(at, end)));
    at = end;
  }
  events.push(...parser.finish());
  return events;
}

// What iptux's SendDirFiles writes ("%.9llx" sizes, 14=mtime:16=ctime), for:
// docs/ { a.txt "hello", empty.txt "", sub/ { b.bin "xyz" }, emptydir/ {} }
const IPTUX_STREAM = Buffer.concat([
  header('docs:000000000:2:14=65f0a3b2:16=65f0a3b2:'),
  header('a.txt:000000005:1:14=65f0a3b3:16=65f0a3b2:'),
  Buffer.from('hello'),
  header('empty.txt:000000000:1:14=65f0a3b2:16=65f0a3b2:'),
  header('sub:000000000:2:14=65f0a3b2:16=65f0a3b2:'),
  header('b.bin:000000003:1:14=65f0a3b2:16=65f0a3b2:'),
  Buffer.from('xyz'),
  header('.:0:3:14=65f0a3b2:16=65f0a3b2:'),
  header('emptydir:000000000:2:14=65f0a3b2:16=65f0a3b2:'),
  header('.:0:3:14=65f0a3b2:16=65f0a3b2:'),
  header('.:0:3:14=65f0a3b2:16=65f0a3b2:'),
]);

const EXPECTED = [
  { kind: 'directory', name: 'docs', size: 0, mtime: 0x65f0a3b2 },
  { kind: 'file', name: 'a.txt', size: 5, mtime: 0x65f0a3b3 },
  { data: 'hello' },
  { type: 'file-end' },
  { kind: 'file', name: 'empty.txt', size: 0 },
  { type: 'file-end' },
  { kind: 'directory', name: 'sub' },
  { kind: 'file', name: 'b.bin', size: 3 },
  { data: 'xyz' },
  { type: 'file-end' },
  { kind: 'parent', name: '.' },
  { kind: 'directory', name: 'emptydir' },
  { kind: 'parent' },
  { kind: 'parent' },
  { type: 'end' },
];

describe('DirStreamParser', () => {
  it('reads an iptux folder stream in one chunk', () => {
    const events = summarise(feed(IPTUX_STREAM, []));
    expect(events).toHaveLength(EXPECTED.length);
    EXPECTED.forEach((want, i) => expect(events[i]).toMatchObject(want));
  });

  it('reads the same events whatever the chunk boundaries (every single split, bytewise)', () => {
    const whole = summarise(feed(IPTUX_STREAM, []));
    for (let split = 1; split < IPTUX_STREAM.length; split++) {
      expect(summarise(feed(IPTUX_STREAM, [split]))).toEqual(whole);
    }
    const bytewise = Array.from({ length: IPTUX_STREAM.length - 1 }, (_, i) => i + 1);
    expect(summarise(feed(IPTUX_STREAM, bytewise))).toEqual(whole);
  });

  it('hands out views of the pushed chunk rather than copies', () => {
    const parser = new DirStreamParser(UTF8);
    const chunk = Buffer.concat([header('d:0:2:'), header('f:5:1:'), Buffer.from('12345')]);
    const data = parser.push(chunk).find((e) => e.type === 'data');
    expect(data?.type === 'data' && data.bytes.buffer).toBe(chunk.buffer);
  });

  it("reads IP Messenger's %x%08x sizes, above 4 GiB too, and its attribute flags", () => {
    const stream = Buffer.concat([
      header('Photos:000000000:2:14=65f0a3b2:16=65f0a3b2:'),
      header('huge.iso:100000005:4001:14=65f0a3b2:16=65f0a3b2:'),
    ]);
    const events = feed(stream, []);
    expect(events[1]).toMatchObject({
      type: 'entry',
      entry: { kind: 'file', size: 0x100000005, attr: FileAttr.REGULAR | FileAttr.ARCHIVE },
    });
  });

  it('reads names with "::" (IP Messenger) and with raw ":" (iptux)', () => {
    const stream = Buffer.concat([
      header('d:0:2:'),
      header('a::b.txt:1:1:'),
      Buffer.from('A'),
      header('c:d.txt:1:1:14=1:'),
      Buffer.from('C'),
      header('.:0:3:'),
    ]);
    const names = feed(stream, []).flatMap((e) => (e.type === 'entry' ? [e.entry.name] : []));
    expect(names).toEqual(['d', 'a:b.txt', 'c:d.txt', '.']);
  });

  it('reads legacy-codepage names unless flagged UTF-8', () => {
    const gbk = Buffer.from('d5c5c8fd', 'hex'); // 张三
    const body = Buffer.concat([gbk, Buffer.from(':0:2:')]);
    const stream = Buffer.concat([header(body.toString('latin1'), 'latin1'), header('.:0:3:')]);
    const events = feed(stream, [], { utf8Flag: false, legacy: 'gb18030' });
    expect(events[0]).toMatchObject({ type: 'entry', entry: { name: '张三' } });
  });

  it('passes over the contents of other entry types (as iptux does)', () => {
    const stream = Buffer.concat([
      header('d:0:2:'),
      header('link:3:4:'),
      Buffer.from('abc'),
      header('.:0:3:'),
    ]);
    expect(summarise(feed(stream, [1, 20]))).toMatchObject([
      { kind: 'directory' },
      { kind: 'other', size: 3 },
      { data: 'abc' },
      { type: 'file-end' },
      { kind: 'parent' },
      { type: 'end' },
    ]);
  });

  it('ignores bytes after the closing RETPARENT', () => {
    const parser = new DirStreamParser(UTF8);
    const events = parser.push(
      Buffer.concat([header('d:0:2:'), header('.:0:3:'), Buffer.from('junk')]),
    );
    expect(events.map((e) => e.type)).toEqual(['entry', 'entry', 'end']);
    expect(parser.done).toBe(true);
    expect(parser.push(Buffer.from('more'))).toEqual([]);
    expect(parser.finish()).toEqual([]);
  });

  const failures: [string, Buffer][] = [
    ['a length that is not hex', Buffer.from('zz12:d:0:2:')],
    ['a length below the smallest header', Buffer.from('0004:d:0:2:')],
    ['no ":" after the length', Buffer.from('0010xd:0:2:abcdef')],
    ['an unreadable header', header('d:zz:2:')],
    ['a stream that starts with a file', header('f:1:1:')],
    ['a RETPARENT first', header('.:0:3:')],
    ['too deep a tree', Buffer.concat(Array.from({ length: 4 }, () => header('d:0:2:')))],
  ];
  for (const [what, stream] of failures) {
    it(`fails on ${what}, once, then stays quiet`, () => {
      const parser = new DirStreamParser({ ...UTF8, maxDepth: 3 });
      const events = parser.push(stream);
      expect(events.filter((e) => e.type === 'error')).toHaveLength(1);
      expect(events[events.length - 1]?.type).toBe('error');
      expect(parser.push(header('x:0:2:'))).toEqual([]);
      expect(parser.finish()).toEqual([]);
    });
  }

  it('reports a stream that ends early (mid-header, mid-file, mid-tree)', () => {
    for (const cut of [3, 20, IPTUX_STREAM.indexOf('hello') + 2, IPTUX_STREAM.length - 5]) {
      const events = feed(IPTUX_STREAM.subarray(0, cut), []);
      expect(events[events.length - 1]).toMatchObject({ type: 'error' });
    }
  });
});

describe('encodeDirHeader', () => {
  const names = { encoding: 'utf8', escapeColons: true } as const;

  it('writes headers both IP Messenger and iptux read: 9-digit hex sizes, 14=/16= times', () => {
    const bytes = encodeDirHeader(
      { name: 'a.txt', size: 5, attr: FileAttr.REGULAR, mtime: 0x65f0a3b3, createTime: 0x65f0a3b2 },
      names,
    );
    expect(bytes).toEqual(header('a.txt:000000005:1:14=65f0a3b3:16=65f0a3b2:'));
    expect(encodeParentHeader(names)).toEqual(header('.:000000000:3:'));
    expect(encodeDirHeader({ name: 'x', size: 0x123456789a, attr: 1 }, names)).toEqual(
      header('x:123456789a:1:'),
    );
  });

  it('escapes or replaces ":" as the attachment list does', () => {
    const fields = { name: 'a:b', size: 0, attr: FileAttr.DIR };
    expect(encodeDirHeader(fields, names)).toEqual(header('a::b:000000000:2:'));
    expect(encodeDirHeader(fields, { ...names, escapeColons: false })).toEqual(
      header('a;b:000000000:2:'),
    );
  });

  it('round-trips through the parser', () => {
    const stream = Buffer.concat([
      encodeDirHeader({ name: '目录:1', size: 0, attr: FileAttr.DIR, mtime: 7 }, names),
      encodeDirHeader({ name: 'f', size: 2, attr: FileAttr.REGULAR, mtime: 9 }, names),
      Buffer.from('ok'),
      encodeParentHeader(names),
    ]);
    expect(summarise(feed(stream, [7]))).toMatchObject([
      { kind: 'directory', name: '目录:1', mtime: 7 },
      { kind: 'file', name: 'f', size: 2, mtime: 9 },
      { data: 'ok' },
      { type: 'file-end' },
      { kind: 'parent' },
      { type: 'end' },
    ]);
  });

  it('refuses a header longer than its 4 hex digits can say, and bad numbers', () => {
    expect(() => encodeDirHeader({ name: 'x'.repeat(0x10000), size: 0, attr: 2 }, names)).toThrow(
      RangeError,
    );
    expect(() => encodeDirHeader({ name: 'x', size: -1, attr: 1 }, names)).toThrow(RangeError);
  });
});
