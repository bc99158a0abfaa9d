// Fuzz target: the attachment list of a file offer and the Pigeon keys read from its
// extensions. Invariants: nothing throws; no more entries than the list has separators;
// every number in range, IDs unique, names never empty; a list Pigeon writes back from
// what it read reads the same again.
import {
  attachmentKind,
  clipboardPosition,
  decodeAttachments,
  encodeAttachments,
  type Attachment,
} from '../../../src-main/core/ipmsg';
import { readPigeonExtensions } from '../../../src-main/core/transfer/pigeon-extensions';
import { check, flagsOf } from './invariant';

const CONTROL = /[\0-\x1f\x7f]/;

function checkAttachment(a: Attachment, listLength: number): void {
  check(Number.isInteger(a.fileId) && a.fileId >= 0 && a.fileId <= 0xffffffff, 'bad fileId');
  check(Number.isSafeInteger(a.size) && a.size >= 0, 'bad size');
  check(Number.isSafeInteger(a.mtime) && a.mtime >= 0, 'bad mtime');
  check(Number.isInteger(a.attr) && a.attr >= 0 && a.attr <= 0xffffffff, 'bad attr');
  check(a.name.length > 0 && a.name.length <= listLength, 'name empty or longer than the list');
  attachmentKind(a);
  const position = clipboardPosition(a);
  check(position === undefined || position <= 0xffffffff, 'clipboard position out of range');
  const info = readPigeonExtensions(a);
  check(info.sha256 === undefined || /^[0-9a-f]{64}$/.test(info.sha256), 'bad sha256');
  check(
    info.contentBytes === undefined || Number.isSafeInteger(info.contentBytes),
    'bad content bytes',
  );
}

/** What Pigeon can write back: names without control characters (they become '_'). */
function writable(a: Attachment): boolean {
  return !CONTROL.test(a.name) && (a.extensions ?? []).every((e) => !CONTROL.test(e.value));
}

export function fuzz(data: Buffer): void {
  const { flags, rest } = flagsOf(data);
  const opts = { utf8Flag: (flags & 1) === 1, legacy: flags & 2 ? 'cp932' : 'gb18030' } as const;
  const { attachments, malformed } = decodeAttachments(rest, opts);
  let separators = 1;
  for (const byte of rest) if (byte === 0x07) separators++;
  check(attachments.length + malformed <= separators, 'more entries than separators');
  const ids = new Set<number>();
  for (const a of attachments) {
    checkAttachment(a, rest.length);
    check(!ids.has(a.fileId), 'a fileID twice');
    ids.add(a.fileId);
  }

  const kept = attachments.filter(writable);
  if (kept.length === 0) return;
  const escaped = (flags & 4) === 0;
  const written = encodeAttachments(kept, { encoding: 'utf8', escapeColons: escaped });
  const again = decodeAttachments(written, { utf8Flag: true, legacy: 'gb18030' });
  check(again.malformed === 0, 'a list Pigeon wrote has malformed entries');
  const expected = escaped ? kept : kept.map((a) => ({ ...a, name: a.name.replace(/:/g, ';') }));
  check(
    JSON.stringify(again.attachments) === JSON.stringify(expected),
    'a list changed in a round trip',
  );
}
