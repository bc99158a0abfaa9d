import { describe, expect, it } from 'vitest';
import type { PeerRecord } from '../../../../src-main/core/discovery/peer-directory';
import { hasOption, Mode, modeOf, Opt } from '../../../../src-main/core/ipmsg';
import {
  buildMessagePacket,
  SEALED_OPTIONS,
  splitForRecipient,
  type OutgoingContext,
} from '../../../../src-main/core/pipeline/outgoing-message';
import { decoded, testPacketSender } from '../packet-sender-helper';
import iconv from 'iconv-lite';

const peer = (client: PeerRecord['client'], version: string, capabilities = 0): PeerRecord => ({
  id: `${client}@pc`,
  nickname: client,
  group: '',
  user: client,
  host: 'pc',
  address: '10.0.0.2',
  port: 2425,
  status: 'online',
  client,
  version,
  lastSeen: 0,
  capabilities,
});

const PIGEON = peer('pigeon', '1_pigeon 1.0');
const FEIQ = peer('feiq', '1_lbt6_0#128#000C29D0E0B4');
const IPTUX = peer('iptux', '1_iptux 0.8.3');

const context = (nickname = 'Me'): OutgoingContext => ({
  packets: testPacketSender(
    { version: '1_pigeon 1.0', user: 'me', host: 'mine' },
    1_700_000_000_000,
  ),
  legacy: 'gb18030',
  presence: () => ({ nickname, group: '' }),
});

describe('the outgoing message pipeline', () => {
  it('writes chat text to another Pigeon in UTF-8 with UTF8OPT, confirmed', () => {
    const bytes = buildMessagePacket(
      { recipient: PIGEON, text: '你好', options: { confirm: true }, packetNo: 42 },
      context(),
    );
    const packet = decoded(bytes);
    expect(modeOf(packet.command)).toBe(Mode.SENDMSG);
    expect(packet.command).toBe(Mode.SENDMSG | Opt.SENDCHECKOPT | Opt.UTF8OPT);
    expect(packet.packetNo).toBe(42);
    expect(packet.extra).toEqual(Buffer.from('你好\0', 'utf8'));
  });

  it('writes to FeiQ in GBK without UTF8OPT', () => {
    const packet = decoded(
      buildMessagePacket({ recipient: FEIQ, text: '你好', options: { confirm: true } }, context()),
    );
    expect(hasOption(packet.command, Opt.UTF8OPT)).toBe(false);
    expect(packet.extra).toEqual(Buffer.concat([iconv.encode('你好', 'gbk'), Buffer.from([0])]));
  });

  it('writes to iptux in the encoding our own entry implied', () => {
    const ascii = decoded(
      buildMessagePacket({ recipient: IPTUX, text: '好', options: {} }, context('Me')),
    );
    expect(ascii.extra).toEqual(Buffer.from('好\0', 'utf8'));
    const chinese = decoded(
      buildMessagePacket({ recipient: IPTUX, text: '好', options: {} }, context('小王')),
    );
    expect(chinese.extra).toEqual(Buffer.concat([iconv.encode('好', 'gb18030'), Buffer.from([0])]));
  });

  it('marks sealed, away-reply and attachment messages as the description says', () => {
    const sealed = decoded(
      buildMessagePacket(
        { recipient: PIGEON, text: 's', options: { confirm: true, sealed: true } },
        context(),
      ),
    );
    expect(hasOption(sealed.command, SEALED_OPTIONS)).toBe(true);
    const away = decoded(
      buildMessagePacket(
        { recipient: PIGEON, text: 'away', options: { autoReply: true } },
        context(),
      ),
    );
    expect(hasOption(away.command, Opt.AUTORETOPT)).toBe(true);
    expect(hasOption(away.command, Opt.SENDCHECKOPT)).toBe(false);
    const offer = decoded(
      buildMessagePacket(
        {
          recipient: PIGEON,
          text: '',
          options: { confirm: true },
          attachments: Buffer.from('0:a.txt:1:0:1:'),
        },
        context(),
      ),
    );
    expect(hasOption(offer.command, Opt.FILEATTACHOPT)).toBe(true);
    expect(offer.extra).toEqual(Buffer.from('\x000:a.txt:1:0:1:\0', 'latin1'));
  });

  it('cuts long text into parts that each fit the recipient client’s datagram', () => {
    const text = '长'.repeat(6000);
    for (const [recipient, limit] of [
      [FEIQ, 4096],
      [PIGEON, 8192],
    ] as const) {
      const parts = splitForRecipient(
        { recipient, text, options: { confirm: true, sealed: true } },
        context(),
      );
      expect(parts.join('')).toBe(text);
      expect(parts.length).toBeGreaterThan(1);
      for (const part of parts) {
        const bytes = buildMessagePacket(
          { recipient, text: part, options: { confirm: true, sealed: true } },
          context(),
        );
        expect(bytes.length).toBeLessThanOrEqual(limit);
      }
    }
  });
});
