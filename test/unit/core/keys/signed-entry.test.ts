import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Mode, Opt } from '../../../../src-main/core/ipmsg/commands';
import { buildEntryExtra, parseEntryExtra } from '../../../../src-main/core/ipmsg/entry';
import { importIdentity } from '../../../../src-main/core/keys/identity';
import {
  entryKeyLines,
  readEntrySignature,
  type EntryKeyLines,
} from '../../../../src-main/core/keys/signed-entry';

// Fixed keys (PKCS#8 of seeds 0x01… and 0x02…): Ed25519 signatures are deterministic,
// so these lines are a golden vector another implementation can check.
const ALICE = importIdentity({
  signing: Buffer.from('302e020100300506032b657004220420' + '01'.repeat(32), 'hex'),
  agreement: Buffer.from('302e020100300506032b656e04220420' + '02'.repeat(32), 'hex'),
});
const HEADER = { user: 'alice', host: 'alicebox' };
const AT = 1_800_000_000_000;

function linesOf(text: string): EntryKeyLines {
  const extra = Buffer.concat([
    Buffer.from('Alice\0\0'),
    Buffer.from(text, 'ascii'),
    Buffer.from([0]),
  ]);
  return parseEntryExtra(extra, Mode.BR_ENTRY | Opt.CAPUTF8OPT, 'gb18030').keys ?? {};
}

describe('signed entry lines', () => {
  it('match the golden vector', () => {
    expect(entryKeyLines(ALICE, HEADER, AT)).toBe(
      '\nKS:iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w' +
        '\nKA:zo060cy2M-x7cMF4FKXHbs0CloUFDTRHRboFhw5YfVk' +
        '\nKT:1800000000000' +
        '\nKG:kZ9Sb1pVwYBW83Oy8RC4dbZxDeUc2VdR11mpb9YpKEkM0cPIDy_LyhQMnlb0vWNZxu-vd88QAURh6LRjSXlfCw',
    );
    expect(ALICE.publicKeys.signing.toString('hex')).toBe(
      '8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c',
    );
  });

  it('verify for the header they were made for', () => {
    const read = readEntrySignature(linesOf(entryKeyLines(ALICE, HEADER, AT)), HEADER);
    expect(read).toMatchObject({ kind: 'signed', timestamp: AT });
    if (read.kind !== 'signed') return;
    expect(read.keys.signing.equals(ALICE.publicKeys.signing)).toBe(true);
    expect(read.keys.agreement.equals(ALICE.publicKeys.agreement)).toBe(true);
  });

  it('are refused when relabelled, re-timed or given other keys', () => {
    const lines = linesOf(entryKeyLines(ALICE, HEADER, AT));
    expect(readEntrySignature(lines, { user: 'bob', host: 'alicebox' }).kind).toBe('bad');
    expect(readEntrySignature(lines, { user: 'alice', host: 'bobbox' }).kind).toBe('bad');
    expect(readEntrySignature({ ...lines, KT: String(AT + 1) }, HEADER).kind).toBe('bad');
    const other = linesOf(
      entryKeyLines(
        importIdentity({
          signing: Buffer.from('302e020100300506032b657004220420' + '03'.repeat(32), 'hex'),
          agreement: Buffer.from('302e020100300506032b656e04220420' + '04'.repeat(32), 'hex'),
        }),
        HEADER,
        AT,
      ),
    );
    expect(readEntrySignature({ ...lines, KS: other.KS }, HEADER).kind).toBe('bad');
    expect(readEntrySignature({ ...lines, KA: other.KA }, HEADER).kind).toBe('bad');
    expect(readEntrySignature({ ...lines, KG: other.KG }, HEADER).kind).toBe('bad');
    expect(readEntrySignature({ ...lines, KG: undefined }, HEADER).kind).toBe('bad');
    expect(readEntrySignature({}, HEADER).kind).toBe('none');
    expect(readEntrySignature(undefined, HEADER).kind).toBe('none');
  });

  it('any flipped character of a line makes it bad (property)', () => {
    const lines = linesOf(entryKeyLines(ALICE, HEADER, AT));
    const names = ['KS', 'KA', 'KT', 'KG'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 1 }),
        (name, index, char) => {
          const value = lines[name] ?? '';
          const at = index % value.length;
          fc.pre(value[at] !== char);
          const changed = { ...lines, [name]: value.slice(0, at) + char + value.slice(at + 1) };
          expect(readEntrySignature(changed, HEADER).kind).toBe('bad');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ride in an entry other clients read as before: names unchanged, keys skipped', () => {
    const info = { nickname: 'Alice', group: 'Dev', ...HEADER };
    const keyLines = entryKeyLines(ALICE, HEADER, AT);
    const broadcast = buildEntryExtra(info, 'utf8', { utf8Block: false, keyLines });
    expect(broadcast.subarray(0, 'Alice\0Dev\0\nKS:'.length).toString()).toBe('Alice\0Dev\0\nKS:');
    // A reader without CAPUTF8OPT (FeiQ-style) sees only the names.
    const plain = parseEntryExtra(broadcast, Mode.BR_ENTRY, 'gb18030');
    expect([plain.nickname, plain.group, plain.keys]).toEqual(['Alice', 'Dev', undefined]);
    const unicast = buildEntryExtra(info, 'utf8', { utf8Block: true, keyLines });
    const read = parseEntryExtra(unicast, Mode.ANSENTRY | Opt.CAPUTF8OPT, 'gb18030');
    expect(read.block).toMatchObject({ user: 'alice', host: 'alicebox', nickname: 'Alice' });
    expect(readEntrySignature(read.keys, HEADER).kind).toBe('signed');
  });

  it('in a broadcast, make a block that says nothing of signature, status or avatar', () => {
    const info = { nickname: 'Alice', group: 'Dev', ...HEADER };
    const keyLines = entryKeyLines(ALICE, HEADER, AT);
    const broadcast = buildEntryExtra(info, 'utf8', { utf8Block: false, keyLines });
    const read = parseEntryExtra(broadcast, Mode.BR_ENTRY | Opt.CAPUTF8OPT, 'gb18030');
    // No block: the reader keeps what the last full block said (a busy Pigeon stays busy).
    expect(read.block).toBeUndefined();
    expect([read.nickname, read.group]).toEqual(['Alice', 'Dev']);
    expect(readEntrySignature(read.keys, HEADER).kind).toBe('signed');
  });
});
