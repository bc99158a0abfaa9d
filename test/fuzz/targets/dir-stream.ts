// Fuzz target: the folder stream (GETDIRFILES reply) parser, fed in chunks whose size
// the input chooses. Invariants: nothing throws; nothing after 'end' or 'error'; data
// only inside a file and never more than its size; depth within 0..maxDepth; the same
// events whatever the chunking; every header read writes back and reads the same.
import {
  DirStreamParser,
  encodeDirHeader,
  type DirStreamEntry,
  type DirStreamEvent,
} from '../../../src-main/core/ipmsg';
import { check, flagsOf } from './invariant';

const MAX_DEPTH = 8;
const CONTROL = /[\0-\x1f\x7f]/;

/** Events with data joined, so that two chunkings can be compared. */
function summary(events: DirStreamEvent[]): string {
  const out: string[] = [];
  let data = 0;
  for (const e of events) {
    if (e.type === 'data') {
      data += e.bytes.length;
      continue;
    }
    if (data > 0) out.push(`data ${data}`);
    data = 0;
    out.push(e.type === 'entry' ? JSON.stringify(e.entry) : e.type);
  }
  if (data > 0) out.push(`data ${data}`);
  return out.join('\n');
}

function feed(stream: Buffer, chunk: number, utf8Flag: boolean): DirStreamEvent[] {
  const parser = new DirStreamParser({ utf8Flag, legacy: 'gb18030', maxDepth: MAX_DEPTH });
  const events: DirStreamEvent[] = [];
  for (let at = 0; at < stream.length; at += chunk) {
    events.push(...parser.push(stream.subarray(at, at + chunk)));
    check(parser.depth >= 0 && parser.depth <= MAX_DEPTH, `depth ${parser.depth}`);
  }
  events.push(...parser.finish());
  return events;
}

function checkOrder(events: DirStreamEvent[], inputLength: number): void {
  let left = 0; // bytes still due to the current file
  let total = 0;
  events.forEach((e, i) => {
    const last = i === events.length - 1;
    if (e.type === 'end' || e.type === 'error') check(last, `${e.type} is not the last event`);
    if (e.type === 'data') {
      check(e.bytes.length > 0 && e.bytes.length <= left, 'data outside a file or past its end');
      left -= e.bytes.length;
      total += e.bytes.length;
    } else if (e.type === 'file-end') {
      check(left === 0, 'a file ended early');
    } else if (e.type === 'entry') {
      check(left === 0, 'an entry inside a file');
      check(Number.isSafeInteger(e.entry.size) && e.entry.size >= 0, 'bad size');
      if (e.entry.kind === 'file' || e.entry.kind === 'other') left = e.entry.size;
    }
  });
  check(total <= inputLength, 'more data than input');
}

function checkRewrite(entry: DirStreamEntry): void {
  if (CONTROL.test(entry.name) || entry.kind === 'other') return;
  const header = encodeDirHeader(
    { name: entry.name, size: entry.size, attr: entry.attr, mtime: entry.mtime },
    { encoding: 'utf8', escapeColons: true },
  );
  const parser = new DirStreamParser({ utf8Flag: true, legacy: 'gb18030' });
  const first = entry.kind === 'directory' ? parser.push(header)[0] : undefined;
  if (first === undefined) return; // only a folder may open a stream
  check(first.type === 'entry', `a written header reads as ${first.type}`);
  check(first.entry.name === entry.name, 'a name changed in a round trip');
  check(first.entry.attr === entry.attr, 'attr changed in a round trip');
}

export function fuzz(data: Buffer): void {
  const { flags, rest } = flagsOf(data);
  const chunk = 1 + (flags >> 1);
  const events = feed(rest, chunk, (flags & 1) === 1);
  checkOrder(events, rest.length);
  const whole = feed(rest, Math.max(1, rest.length), (flags & 1) === 1);
  check(summary(whole) === summary(events), 'chunking changed what the stream says');
  for (const e of events) if (e.type === 'entry') checkRewrite(e.entry);
}
