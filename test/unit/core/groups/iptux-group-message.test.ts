import { describe, expect, it } from 'vitest';
import {
  iptuxGroupCommand,
  iptuxScopeOf,
  readIptuxGroupMessage,
} from '../../../../src-main/core/groups/iptux-group-message';
import { decodePacket } from '../../../../src-main/core/ipmsg/packet';

/** A 0xFB datagram byte for byte as iptux 0.8.3 writes it. */
function iptuxDatagram(command: number, text: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`1_iptux 0.8.3:7:tux:vm:${command}:`), text, Buffer.from([0])]);
}

describe("iptux's group message (0xFB)", () => {
  it('reads the scope as a value, not as flags (GROUP is REGULAR and SEGMENT together)', () => {
    expect(iptuxScopeOf(0x1fb)).toBe('regular');
    expect(iptuxScopeOf(0x2fb)).toBe('segment');
    expect(iptuxScopeOf(0x3fb)).toBe('group');
    expect(iptuxScopeOf(0x4fb)).toBe('broadcast');
    // Other bits beside the scope (UTF8OPT) change nothing; no scope reads as the own chat.
    expect(iptuxScopeOf(0x8003fb)).toBe('group');
    expect(iptuxScopeOf(0xfb)).toBe('regular');
  });

  it('writes the commands iptux sends (golden)', () => {
    expect(iptuxGroupCommand('group')).toBe(0x3fb);
    expect(iptuxGroupCommand('broadcast')).toBe(0x4fb);
    expect(iptuxGroupCommand('segment')).toBe(0x2fb);
    expect(iptuxGroupCommand('regular')).toBe(0x1fb);
  });

  it('decodes the text (UTF-8 or GB18030) and never reads its bits as sealed or confirmed', () => {
    for (const [bytes, encoding] of [
      [Buffer.from('大家好 hi', 'utf8'), 'utf8'],
      [Buffer.from([0xb4, 0xf3, 0xbc, 0xd2, 0xba, 0xc3, 0x20, 0x68, 0x69]), 'gb18030'],
    ] as const) {
      const decoded = decodePacket(iptuxDatagram(0x3fb, bytes), { legacyEncoding: 'gb18030' });
      if (!decoded.ok) throw new Error(`undecodable ${encoding}`);
      const { scope, incoming } = readIptuxGroupMessage(decoded.packet, 'gb18030');
      expect(scope).toBe('group');
      expect(incoming.text).toBe('大家好 hi');
      expect(incoming.options).toEqual({
        confirm: false,
        sealed: false,
        readCheck: false,
        autoReply: false,
        broadcast: true,
      });
      expect(incoming.packet.command).toBe(0x3fb);
    }
  });
});
