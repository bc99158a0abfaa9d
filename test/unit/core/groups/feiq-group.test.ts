import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openFeiqGroup, sealFeiqGroup } from '../../../../src-main/core/groups/feiq-group-cipher';
import {
  buildFeiqGroupPacket,
  FEIQ_GROUP_COMMAND,
  readFeiqGroupMessage,
} from '../../../../src-main/core/groups/feiq-group-message';
import { decodePacket } from '../../../../src-main/core/ipmsg/packet';

// Vectors derived from the reference's description and sealed by an independent
// implementation: OpenSSL's libcrypto (BF_set_key with the 12 ASCII bytes of the MAC,
// BF_cbc_encrypt with a zero IV), called from Python with ctypes.
const FONT = '{/font;-16 0 0 0 400 0 0 0 134 0 0 2 32 微软雅黑 8404992;}';
const PKCS5 = {
  mac: '8C89A5C2D4E1',
  plain: `QUNMSGMARK#3b199b07_1733400000#大家好 hello${FONT}`,
  sealed:
    '1e6e0ccdb0996e9bfe2d71ebbbfcb4b6b10e7bee6ee384ee2de7ad62bbad40702cb4fbf561c465e44b2c549741ed2313ff7f4f565a74509b109e03de2124770e6ed1cc8cd386dbd9af4a11fa57fee518df92ea9ae32430e0cda4b8e0a6ba7dba5319ae5c126afc11',
};
// An older client: no time, zero padding instead of PKCS#5.
const ZEROS = {
  mac: '00E04C680001',
  plain: 'QUNMSGMARK#1a2b#旧版本',
  sealed: '11da91e56cc2b8076375c4acc1a03c2edfb239b78a139241',
};

function feiqDatagram(mac: string, sealed: Buffer): Buffer {
  const header = `1_lbt6_0#128#${mac}#0#0#${sealed.length}#4001#9:42:xiaowang:WANG-PC:${FEIQ_GROUP_COMMAND}:`;
  return Buffer.concat([Buffer.from(header, 'latin1'), sealed]);
}

function decoded(bytes: Buffer) {
  const result = decodePacket(bytes, { legacyEncoding: 'gb18030' });
  if (!result.ok) throw new Error('undecodable');
  return result.packet;
}

describe('FeiQ group encryption (Blowfish-CBC, zero IV, keyed by the MAC)', () => {
  it('seals exactly as libcrypto does, and opens what it sealed', () => {
    const plain = iconv.encode(PKCS5.plain, 'gbk');
    expect(sealFeiqGroup(plain, PKCS5.mac).toString('hex')).toBe(PKCS5.sealed);
    expect(openFeiqGroup(Buffer.from(PKCS5.sealed, 'hex'), PKCS5.mac)).toEqual(plain);
  });

  it('opens a zero-padded message, and refuses a length that is not whole blocks', () => {
    const opened = openFeiqGroup(Buffer.from(ZEROS.sealed, 'hex'), ZEROS.mac);
    expect(opened && iconv.decode(opened, 'gbk')).toBe(ZEROS.plain);
    expect(openFeiqGroup(Buffer.alloc(13), ZEROS.mac)).toBeUndefined();
    expect(openFeiqGroup(Buffer.alloc(0), ZEROS.mac)).toBeUndefined();
  });
});

describe('FeiQ group packets', () => {
  it('reads the group id, time and text, the font suffix stripped', () => {
    const packet = decoded(feiqDatagram(PKCS5.mac, Buffer.from(PKCS5.sealed, 'hex')));
    expect(readFeiqGroupMessage(packet)).toEqual({
      groupId: '3b199b07',
      text: '大家好 hello',
      sentAt: 1733400000,
    });
    const old = decoded(feiqDatagram(ZEROS.mac, Buffer.from(ZEROS.sealed, 'hex')));
    expect(readFeiqGroupMessage(old)).toEqual({ groupId: '1a2b', text: '旧版本' });
  });

  it('ignores what does not open: a wrong key, a bad MAC or length, no mark', () => {
    const sealed = Buffer.from(PKCS5.sealed, 'hex');
    expect(readFeiqGroupMessage(decoded(feiqDatagram('8C89A5C2D4E2', sealed)))).toBeUndefined();
    expect(readFeiqGroupMessage(decoded(feiqDatagram('nonsense', sealed)))).toBeUndefined();
    const short = Buffer.concat([
      Buffer.from(`1_lbt6_0#128#${PKCS5.mac}#0#0#999#4001#9:1:u:h:${FEIQ_GROUP_COMMAND}:`),
      sealed,
    ]);
    expect(readFeiqGroupMessage(decoded(short))).toBeUndefined();
    const unmarked = sealFeiqGroup(iconv.encode('hello', 'gbk'), PKCS5.mac);
    expect(readFeiqGroupMessage(decoded(feiqDatagram(PKCS5.mac, unmarked)))).toBeUndefined();
  });

  it('builds what FeiQ reads: its version field with our MAC and the sealed length (golden)', () => {
    const bytes = buildFeiqGroupPacket(
      { mac: '0A1B2C3D4E5F', user: 'ming', host: 'ming-pc', packetNo: 7 },
      { groupId: '3b199b07', text: '收到\n好的', sentAt: 1733400001 },
    );
    const packet = decoded(bytes);
    expect(packet.version).toMatch(/^1_lbt6_0#128#0A1B2C3D4E5F#0#0#\d+#4001#9$/);
    expect(Number(packet.version.split('#')[5])).toBe(packet.extra.length);
    expect(packet.command).toBe(0x400023);
    expect([packet.packetNo, packet.user, packet.host]).toEqual([7, 'ming', 'ming-pc']);
    const opened = openFeiqGroup(packet.extra, '0A1B2C3D4E5F');
    expect(opened && iconv.decode(opened, 'gbk')).toBe(
      'QUNMSGMARK#3b199b07_1733400001#收到\r\n好的{/font;-12 0 0 0 400 0 0 0 134 3 2 1 2 宋体 0;}',
    );
    expect(readFeiqGroupMessage(packet)).toEqual({
      groupId: '3b199b07',
      text: '收到\n好的',
      sentAt: 1733400001,
    });
  });
});
