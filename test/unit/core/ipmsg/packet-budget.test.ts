// Bounded work per datagram: the worst 8 KB datagrams and 64 KB folder headers we can
// build must each be decoded in at most 5 ms. Measured as CPU time (process.cpuUsage,
// user + system) and the minimum of several runs, so a busy 2-core machine does not
// make the test flaky while a super-linear parser (seconds on such sizes) still fails it.
import { describe, expect, it } from 'vitest';
import { decodeAttachments } from '../../../../src-main/core/ipmsg/attachments';
import { DirStreamParser } from '../../../../src-main/core/ipmsg/dir-stream';
import { decodePacket, Mode, Opt, parseEntryExtra } from '../../../../src-main/core/ipmsg';
import { readIncomingMessage } from '../../../../src-main/core/pipeline/incoming-message';
import { minCpuMicros } from '../cpu-time';

const BUDGET_MICROS = 5_000;
const DATAGRAM = 8 * 1024;
const FOLDER_HEADER = 0xffff;

/** `unit` repeated to exactly `size` bytes. */
const fill = (unit: string, size: number) =>
  Buffer.from(unit.repeat(Math.ceil(size / unit.length)), 'latin1').subarray(0, size);

const BODIES: Record<string, string> = {
  dots: '.',
  colons: ':',
  bells: '\x07',
  nuls: '\0',
  digits: '9',
  'doubled colons': '::',
  'tiny records': '0:a:0:0:0:\x07',
  'records with escaped names': '1:a::b::c:1:1:1:4000=1:\x07',
  'brackets and spaces': '[ ] . ',
  'high bytes': '\xff\x81',
  'hex extensions': ':4000=ffff',
};

function datagram(command: number, body: string): Buffer {
  const header = Buffer.from(`1_pigeon:1:user:host:${command}:`, 'latin1');
  return Buffer.concat([header, fill(body, DATAGRAM - header.length)]);
}

function handle(bytes: Buffer): void {
  const decoded = decodePacket(bytes);
  if (!decoded.ok) return;
  const { packet } = decoded;
  parseEntryExtra(packet.extra, packet.command, 'gb18030', { version: packet.version });
  const message = readIncomingMessage(packet, 'gb18030');
  if (message.attachments)
    decodeAttachments(message.attachments, { utf8Flag: true, legacy: 'gbk' });
  // The extra as an attachment list too: the worst case is a list that fills the datagram.
  decodeAttachments(packet.extra, { utf8Flag: false, legacy: 'gb18030' });
}

describe('work per 8 KB datagram', () => {
  const commands = {
    entry: Mode.BR_ENTRY | Opt.ABSENCEOPT | Opt.UTF8OPT,
    message: Mode.SENDMSG | Opt.FILEATTACHOPT | Opt.SENDCHECKOPT,
    'message with a NUL first': Mode.SENDMSG | Opt.FILEATTACHOPT | Opt.UTF8OPT,
  };
  for (const [what, command] of Object.entries(commands)) {
    for (const [name, body] of Object.entries(BODIES)) {
      it(`${what} of ${name} takes at most 5 ms`, () => {
        const bytes =
          what === 'message with a NUL first'
            ? datagram(command, `hi\0${body}`)
            : datagram(command, body);
        expect(minCpuMicros(() => handle(bytes))).toBeLessThanOrEqual(BUDGET_MICROS);
      });
    }
  }
});

describe('work per 64 KB folder header', () => {
  for (const [name, body] of Object.entries(BODIES)) {
    it(`a header of ${name} takes at most 5 ms`, () => {
      const prefix = `${FOLDER_HEADER.toString(16)}:`;
      const header = Buffer.concat([
        Buffer.from(prefix, 'latin1'),
        fill(body, FOLDER_HEADER - prefix.length),
      ]);
      expect(
        minCpuMicros(() => {
          const parser = new DirStreamParser({ utf8Flag: false, legacy: 'gb18030' });
          parser.push(header);
        }),
      ).toBeLessThanOrEqual(BUDGET_MICROS);
    });
  }
  it('a valid header with a 64 KB name takes at most 5 ms', () => {
    const name = 'a::'.repeat(21_000);
    const rest = `${name}:0:1:4000=ffff:`;
    const length = 5 + Buffer.byteLength(rest);
    const header = Buffer.from(`${length.toString(16).padStart(4, '0')}:${rest}`, 'latin1');
    expect(
      minCpuMicros(() => new DirStreamParser({ utf8Flag: true, legacy: 'gbk' }).push(header)),
    ).toBeLessThanOrEqual(BUDGET_MICROS);
  });
});
