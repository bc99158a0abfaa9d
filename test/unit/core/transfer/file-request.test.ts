// The request that opens a file connection, as IP Messenger, iptux and Pigeon write it.
import { describe, expect, it } from 'vitest';
import { makeCommand, Mode, Opt } from '../../../../src-main/core/ipmsg';
import {
  buildFileRequest,
  parseFileRequest,
  type FileRequestParse,
} from '../../../../src-main/core/transfer/file-request';

const b = (s: string) => Buffer.from(s, 'latin1');
const GET = makeCommand(Mode.GETFILEDATA);
const DIR = makeCommand(Mode.GETDIRFILES);

function request(parse: FileRequestParse) {
  if (parse.status !== 'complete' && parse.status !== 'unterminated') throw new Error(parse.status);
  return parse.request;
}

describe('parseFileRequest', () => {
  it("reads IP Messenger's GETFILEDATA (':' terminated)", () => {
    const parse = parseFileRequest(b(`1:1700000100:shirouzu:jupiter:${GET}:6553f1a0:2000000a:0:`));
    expect(parse.status).toBe('complete');
    expect(request(parse)).toMatchObject({
      kind: 'file',
      packetNo: 0x6553f1a0,
      fileId: 0x2000000a,
      offset: 0,
      utf8: false,
    });
  });

  it("reads iptux's requests (NUL terminated, FILEATTACHOPT, ':0' on folders)", () => {
    const file = parseFileRequest(
      b(`1_iptux 0.8.3:9:root:vm:${makeCommand(Mode.GETFILEDATA, Opt.FILEATTACHOPT)}:1f:3:0\0`),
    );
    expect(file.status).toBe('complete');
    expect(request(file)).toMatchObject({ kind: 'file', packetNo: 0x1f, fileId: 3 });
    const dir = parseFileRequest(
      b(`1_iptux 0.8.3:9:root:vm:${makeCommand(Mode.GETDIRFILES, Opt.FILEATTACHOPT)}:1f:4:0\0`),
    );
    expect(dir.status).toBe('complete');
    expect(request(dir)).toMatchObject({ kind: 'directory', fileId: 4, offset: 0 });
  });

  it('reads offsets beyond 4 GiB and UTF8OPT', () => {
    const cmd = makeCommand(Mode.GETFILEDATA, Opt.UTF8OPT);
    expect(request(parseFileRequest(b(`1:5:u:h:${cmd}:a:b:100000000:`)))).toMatchObject({
      offset: 2 ** 32,
      utf8: true,
    });
  });

  it('waits for the rest of a request cut anywhere', () => {
    const whole = `1:1700000100:u:h:${GET}:6553f1a0:2000000a:10:`;
    for (let cut = 1; cut < whole.length; cut++) {
      const status = parseFileRequest(b(whole.slice(0, cut))).status;
      expect(['incomplete', 'unterminated']).toContain(status);
    }
  });

  it('calls a readable request without terminator "unterminated"', () => {
    expect(parseFileRequest(b(`1:5:u:h:${GET}:a:b:0`)).status).toBe('unterminated');
    expect(parseFileRequest(b(`1:5:u:h:${DIR}:a:b`)).status).toBe('unterminated');
    expect(parseFileRequest(b(`1:5:u:h:${DIR}:a:b:`)).status).toBe('complete');
  });

  it('refuses other commands, encrypted transfers and non-hex fields', () => {
    const bad = [
      `1:5:u:h:${makeCommand(Mode.SENDMSG)}:a:b:0:`,
      `1:5:u:h:${makeCommand(Mode.GETFILEDATA, Opt.ENCFILEOPT)}:a:b:0:`,
      `1:5:u:h:${GET}:xyz:b:0:`,
      `1:5:u:h:${GET}:a:b:-1:`,
      `1:5:u:h:${GET}:1ffffffff:b:0:`,
      `1:5:u:h:${GET}:a:b\0`,
      `x:5:u:h:${GET}:a:b:0:`,
    ];
    for (const text of bad) expect(parseFileRequest(b(text)).status).toBe('invalid');
  });
});

describe('buildFileRequest', () => {
  const requester = { version: '1_pigeon', user: 'me', host: 'box', nextPacketNo: () => 42 };

  it("writes IP Messenger's layout, hex fields and a final ':'", () => {
    const bytes = buildFileRequest(
      { kind: 'file', packetNo: 0x6553f1a0, fileId: 0x2000000a, offset: 0x10 },
      requester,
    );
    expect(bytes.toString()).toBe(`1_pigeon:42:me:box:${GET}:6553f1a0:2000000a:10:`);
    const dir = buildFileRequest(
      { kind: 'directory', packetNo: 1, fileId: 2, utf8: true, fileAttachOpt: true },
      requester,
    );
    expect(dir.toString()).toBe(
      `1_pigeon:42:me:box:${makeCommand(Mode.GETDIRFILES, Opt.UTF8OPT | Opt.FILEATTACHOPT)}:1:2:`,
    );
  });

  it('round-trips', () => {
    const bytes = buildFileRequest({ kind: 'file', packetNo: 9, fileId: 8, offset: 7 }, requester);
    expect(parseFileRequest(bytes)).toMatchObject({
      status: 'complete',
      request: { kind: 'file', packetNo: 9, fileId: 8, offset: 7 },
    });
  });
});
