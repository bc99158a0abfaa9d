import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodePacket, Mode, Opt, type Packet } from '../../../../src-main/core/ipmsg';
import { readIncomingMessage } from '../../../../src-main/core/pipeline/incoming-message';

function packet(header: string, extra: Buffer): Packet {
  const result = decodePacket(Buffer.concat([Buffer.from(header, 'latin1'), extra]));
  if (!result.ok) throw new Error(result.detail);
  return result.packet;
}

describe('the incoming message pipeline', () => {
  it('reads FeiQ text in GBK, without its font suffix, with CRLF made LF', () => {
    const message = readIncomingMessage(
      packet(
        `1_lbt6_0#128#000C29D0E0B4:5:feiq:pc:${Mode.SENDMSG | Opt.SENDCHECKOPT}:`,
        Buffer.concat([
          iconv.encode('第一行\r\n第二行{/font;-12 0 0 0 400 宋体 0;}', 'gbk'),
          Buffer.from([0]),
        ]),
      ),
      'gb18030',
    );
    expect(message.text).toBe('第一行\n第二行');
    expect(message.options).toEqual({
      confirm: true,
      sealed: false,
      readCheck: false,
      autoReply: false,
      broadcast: false,
    });
    expect(message.attachments).toBeUndefined();
  });

  it('keeps the attachment list apart from the text, and the sender’s codepage for its names', () => {
    const command = Mode.SENDMSG | Opt.SENDCHECKOPT | Opt.FILEATTACHOPT | Opt.UTF8OPT;
    const message = readIncomingMessage(
      packet(`1_pigeon 1.0:6:ann:box:${command}:`, Buffer.from('看\x000:a.txt:1:0:1:\0', 'utf8')),
      'gbk',
    );
    expect(message.text).toBe('看');
    expect(message.attachments?.toString('utf8')).toBe('0:a.txt:1:0:1:');
    expect(message.legacy).toBe('gbk');
  });

  it('reads the options a sender set: sealed with read check, away reply, broadcast', () => {
    const read = (command: number) =>
      readIncomingMessage(packet(`1:7:x:y:${command}:`, Buffer.from('t\0')), 'gb18030').options;
    expect(read(Mode.SENDMSG | Opt.SECRETOPT | Opt.READCHECKOPT)).toMatchObject({
      sealed: true,
      readCheck: true,
    });
    // READCHECKOPT alone (not sealed) asks for nothing a reader can give.
    expect(read(Mode.SENDMSG | Opt.READCHECKOPT)).toMatchObject({
      sealed: false,
      readCheck: false,
    });
    expect(read(Mode.SENDMSG | Opt.AUTORETOPT).autoReply).toBe(true);
    expect(read(Mode.SENDMSG | Opt.BROADCASTOPT).broadcast).toBe(true);
  });
});
