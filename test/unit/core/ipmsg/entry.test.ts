import { describe, expect, it } from 'vitest';
import {
  buildEntryExtra,
  decodePacket,
  encodePacket,
  makeCommand,
  Mode,
  Opt,
  parseEntryExtra,
  PIGEON_VS_TYPE,
  type Packet,
} from '../../../../src-main/core/ipmsg';
import {
  bytes,
  GBK_DEV_GROUP,
  GBK_ZHANG_SAN,
  hex,
  IPMSG4_ENTRY,
  IPMSG4_ENTRY_CP932,
  IPTUX_ANSENTRY,
  IPTUX_ENTRY_BROADCAST,
  IPTUX_ENTRY_DIALUP,
} from './golden';

function packet(datagram: Buffer): Packet {
  const result = decodePacket(datagram);
  if (!result.ok) throw new Error(result.detail);
  return result.packet;
}

describe('parseEntryExtra', () => {
  it.each([
    ['broadcast', IPTUX_ENTRY_BROADCAST],
    ['dial-up', IPTUX_ENTRY_DIALUP],
    ['answer', IPTUX_ANSENTRY],
  ])('reads the iptux %s entry, icon and encoding included', (_name, datagram) => {
    const p = packet(datagram);
    const info = parseEntryExtra(p.extra, p.command, 'gb18030', { version: p.version });
    expect(info).toEqual({
      nickname: 'IptuxNick',
      group: 'IptuxGroup',
      iptux: { icon: 'icon-tux.png', encoding: 'utf-8' },
    });
  });

  it('keeps brackets in an iptux nickname although iptux always sets ABSENCEOPT', () => {
    const p = packet(bytes('1_iptux 0.8.3:1:root:vm:257:Bob[dev]\0G\0icon-tux.png\0utf-8\0'));
    const info = parseEntryExtra(p.extra, p.command, 'gb18030', { version: p.version });
    expect(info.nickname).toBe('Bob[dev]');
    expect(info.absenceTitle).toBeUndefined();
  });

  it('takes nickname and group from the UTF-8 block of IP Messenger 4.x', () => {
    const p = packet(IPMSG4_ENTRY);
    const info = parseEntryExtra(p.extra, p.command, 'gb18030');
    expect(info).toEqual({
      nickname: '张三',
      group: '研发部',
      block: {
        user: 'zhangsan',
        host: 'DESKTOP-01',
        nickname: '张三',
        group: '研发部',
        version: '00010002:4:99:3',
      },
    });
  });

  it('gets the right names from the block even with the wrong legacy codepage', () => {
    const p = packet(IPMSG4_ENTRY);
    expect(parseEntryExtra(p.extra, p.command, 'cp932').nickname).toBe('张三');
    const japanese = packet(IPMSG4_ENTRY_CP932);
    const info = parseEntryExtra(japanese.extra, japanese.command, 'cp932');
    expect([info.nickname, info.group]).toEqual(['张三', '']);
  });

  it('ignores the block without CAPUTF8OPT and reads the legacy fields', () => {
    const p = packet(IPMSG4_ENTRY);
    const command = p.command & ~Opt.CAPUTF8OPT;
    expect(parseEntryExtra(p.extra, command, 'gb18030')).toEqual({
      nickname: '张三',
      group: '研发部',
    });
    const japanese = packet(IPMSG4_ENTRY_CP932);
    const legacy = parseEntryExtra(japanese.extra, japanese.command & ~Opt.CAPUTF8OPT, 'cp932');
    expect(legacy.nickname).toBe('?三');
  });

  it('finds the block right after the nickname when the group NUL is missing', () => {
    const extra = bytes('nick\0\nNN:Nick UTF\nGN:Grp');
    const info = parseEntryExtra(extra, Mode.BR_ENTRY | Opt.CAPUTF8OPT, 'gb18030');
    expect([info.nickname, info.group]).toEqual(['Nick UTF', 'Grp']);
  });

  it('reads the ANSENTRY form that carries only VS, keeping the legacy names', () => {
    const extra = bytes('Alice\0Sales\0\nVS:00010002:4:99:3');
    const command = Mode.ANSENTRY | Opt.CAPUTF8OPT | Opt.UTF8OPT;
    expect(parseEntryExtra(extra, command, 'gb18030')).toEqual({
      nickname: 'Alice',
      group: 'Sales',
      block: { version: '00010002:4:99:3' },
    });
  });

  it('reads legacy GBK fields of FeiQ and tolerates 64 trailing zero bytes', () => {
    const extra = bytes(GBK_ZHANG_SAN, [0], GBK_DEV_GROUP, [0], Buffer.alloc(64));
    const info = parseEntryExtra(extra, 0x600001, 'gb18030');
    expect(info).toEqual({ nickname: '张三', group: '研发部' });
  });

  it('reads legacy fields as UTF-8 when UTF8OPT is set', () => {
    const info = parseEntryExtra(bytes('Zoë\0Café\0'), Mode.ANSENTRY | Opt.UTF8OPT, 'cp932');
    expect([info.nickname, info.group]).toEqual(['Zoë', 'Café']);
  });

  it('returns empty names for an empty extra (the caller falls back to the user name)', () => {
    expect(parseEntryExtra(Buffer.alloc(0), Mode.BR_EXIT | Opt.DIALUPOPT, 'gb18030')).toEqual({
      nickname: '',
      group: '',
    });
    expect(parseEntryExtra(bytes('only-nick'), Mode.BR_ENTRY, 'gb18030')).toEqual({
      nickname: 'only-nick',
      group: '',
    });
  });

  describe('absence title', () => {
    const away = Mode.BR_ABSENCE | Opt.ABSENCEOPT;

    it("splits IP Messenger's [title] off an away nickname", () => {
      const info = parseEntryExtra(bytes('Alice[Meeting]\0G\0'), away, 'gb18030', {
        version: '1',
      });
      expect([info.nickname, info.absenceTitle]).toEqual(['Alice', 'Meeting']);
    });

    it('splits only the last bracket group', () => {
      const info = parseEntryExtra(bytes('A[x][Lunch]\0\0'), away, 'gb18030', { version: '1' });
      expect([info.nickname, info.absenceTitle]).toEqual(['A[x]', 'Lunch']);
    });

    it('splits the title off the block nickname too', () => {
      const extra = bytes('?\0\0\nNN:张三[会議中]\nGN:');
      const info = parseEntryExtra(extra, away | Opt.CAPUTF8OPT, 'cp932', { version: '1' });
      expect([info.nickname, info.absenceTitle]).toEqual(['张三', '会議中']);
    });

    it.each([
      ['not away', Mode.BR_ENTRY, 'Alice[Meeting]', '1'],
      ['FeiQ', away, 'Alice[Meeting]', '1_lbt6_0#128#5C260A1B2C3D#0#0#0#4001#9'],
      ['sender unknown', away, 'Alice[Meeting]', undefined],
      ['nothing before the bracket', away, '[Meeting]', '1'],
      ['no bracket', away, 'Alice', '1'],
    ])('leaves the nickname alone when %s', (_name, command, nickname, version) => {
      const info = parseEntryExtra(bytes(`${nickname}\0\0`), command, 'gb18030', { version });
      expect(info.nickname).toBe(nickname);
      expect(info.absenceTitle).toBeUndefined();
    });
  });
});

describe('buildEntryExtra', () => {
  const me = { nickname: '张三', group: '研发部', user: 'zhang', host: 'pigeon-pc' };

  it('writes legacy fields in the codepage, then the UTF-8 block and a NUL', () => {
    const extra = buildEntryExtra({ ...me, appVersion: '0.1.0' }, 'gbk');
    const vsType = PIGEON_VS_TYPE.toString(16).toUpperCase().padStart(8, '0');
    expect(extra).toEqual(
      bytes(
        GBK_ZHANG_SAN,
        [0],
        GBK_DEV_GROUP,
        [0],
        `\nUN:zhang\nHN:pigeon-pc\nNN:张三\nGN:研发部\nVS:${vsType}:0:1:0`,
        [0],
      ),
    );
  });

  it('round-trips through a whole packet, read as IP Messenger would (CAPUTF8OPT)', () => {
    const command = makeCommand(Mode.BR_ENTRY, Opt.CAPUTF8OPT | Opt.FILEATTACHOPT);
    const datagram = encodePacket({
      version: '1_pigeon 0.1.0',
      packetNo: 1,
      user: 'zhang',
      host: 'pigeon-pc',
      command,
      extra: buildEntryExtra(me, 'gb18030'),
    });
    const p = packet(datagram);
    // A reader with the wrong codepage still gets the names from the block.
    const info = parseEntryExtra(p.extra, p.command, 'cp932');
    expect([info.nickname, info.group, info.block?.user, info.block?.host]).toEqual([
      '张三',
      '研发部',
      'zhang',
      'pigeon-pc',
    ]);
    expect(info.block?.version).toMatch(/^[0-9A-F]{8}:0:0:0$/);
    expect(info.iptux).toBeUndefined();
  });

  it('is readable from the legacy fields alone, as FeiQ and iptux read it', () => {
    const extra = buildEntryExtra(me, 'gbk');
    expect(parseEntryExtra(extra, Mode.BR_ENTRY, 'gbk')).toEqual({
      nickname: '张三',
      group: '研发部',
    });
  });

  it('writes an empty group as an empty field, as IP Messenger does', () => {
    const extra = buildEntryExtra({ ...me, nickname: 'Al', group: '' }, 'gbk');
    expect(extra.subarray(0, 4)).toEqual(bytes('Al\0\0'));
    expect(parseEntryExtra(extra, Mode.BR_ENTRY | Opt.CAPUTF8OPT, 'gbk').group).toBe('');
  });

  it('keeps NUL, newlines and header colons from breaking the fields', () => {
    const extra = buildEntryExtra(
      { nickname: 'a\0b\nc', group: 'g\r\nh', user: 'DOM:u', host: 'h' },
      'utf8',
    );
    const info = parseEntryExtra(extra, Mode.BR_ENTRY | Opt.CAPUTF8OPT | Opt.UTF8OPT, 'gbk');
    expect([info.nickname, info.group, info.block?.user]).toEqual(['ab c', 'g h', 'DOM;u']);
  });

  it('can write the legacy fields as UTF-8 for a unicast answer', () => {
    const extra = buildEntryExtra(me, 'utf8');
    expect(extra.subarray(0, 6)).toEqual(hex('e5bca0 e4b889'));
  });
  it("adds Pigeon's SG: and ST: lines to the block, and the absence title to the legacy name", () => {
    const vsType = PIGEON_VS_TYPE.toString(16).toUpperCase().padStart(8, '0');
    const extra = buildEntryExtra(
      {
        ...me,
        appVersion: '0.1.0',
        signature: '今天\n在改构建',
        absence: { status: 'busy', title: '忙碌' },
      },
      'gbk',
    );
    expect(extra).toEqual(
      bytes(
        GBK_ZHANG_SAN,
        hex('5b c3a6 c2b5 5d'), // [忙碌]
        [0],
        GBK_DEV_GROUP,
        [0],
        `\nUN:zhang\nHN:pigeon-pc\nNN:张三\nGN:研发部\nVS:${vsType}:0:1:0\nSG:今天 在改构建\nST:busy`,
        [0],
      ),
    );
    const command = Mode.BR_ABSENCE | Opt.ABSENCEOPT | Opt.CAPUTF8OPT;
    const info = parseEntryExtra(extra, command, 'gbk', { version: '1_pigeon 0.1.0' });
    expect([info.nickname, info.group]).toEqual(['张三', '研发部']);
    expect(info.block).toMatchObject({ signature: '今天 在改构建', status: 'busy' });
  });

  it('leaves SG: out when there is no signature, and reads only away or busy from ST:', () => {
    const extra = buildEntryExtra({ ...me, signature: '  ' }, 'gbk');
    expect(extra.includes(Buffer.from('\nSG:'))).toBe(false);
    expect(extra.includes(Buffer.from('\nST:'))).toBe(false);
    const odd = bytes('A\0\0\nNN:A\nST:napping\nSG:x');
    const info = parseEntryExtra(odd, Mode.BR_ABSENCE | Opt.CAPUTF8OPT, 'gbk');
    expect(info.block?.status).toBeUndefined();
    expect(info.block?.signature).toBe('x');
  });

  it("splits the absence title off a Pigeon's broadcast name, which has no block", () => {
    const info = parseEntryExtra(
      bytes('Ann[Busy]\0Lab\0'),
      Mode.BR_ENTRY | Opt.ABSENCEOPT,
      'gb18030',
      { version: '1_pigeon 0.1.0' },
    );
    expect([info.nickname, info.absenceTitle]).toEqual(['Ann', 'Busy']);
  });
});

describe("Pigeon's avatar line (AV:) in the UTF-8 block", () => {
  const me = { nickname: '张三', group: '研发部', user: 'zhang', host: 'pigeon-pc' };
  const hash = '0123456789abcdef';

  it('ends the block with AV:<hash> and reads it back', () => {
    const extra = buildEntryExtra({ ...me, appVersion: '0.1.0', avatar: hash }, 'gbk');
    const vsType = PIGEON_VS_TYPE.toString(16).toUpperCase().padStart(8, '0');
    expect(extra).toEqual(
      bytes(
        GBK_ZHANG_SAN,
        [0],
        GBK_DEV_GROUP,
        [0],
        `\nUN:zhang\nHN:pigeon-pc\nNN:张三\nGN:研发部\nVS:${vsType}:0:1:0\nAV:${hash}`,
        [0],
      ),
    );
    const info = parseEntryExtra(extra, Mode.BR_ENTRY | Opt.CAPUTF8OPT, 'gbk');
    expect(info.block).toMatchObject({ nickname: '张三', avatar: hash });
  });

  it('leaves the legacy fields as FeiQ and iptux read them, and the names as IP Messenger reads them', () => {
    const extra = buildEntryExtra({ ...me, avatar: hash }, 'gbk');
    expect(parseEntryExtra(extra, Mode.BR_ENTRY, 'gbk')).toEqual({
      nickname: '张三',
      group: '研发部',
    });
    // A reader that knows only UN/HN/NN/GN/VS still gets every one of them.
    const info = parseEntryExtra(extra, Mode.BR_ENTRY | Opt.CAPUTF8OPT, 'cp932');
    expect([info.nickname, info.group, info.block?.user, info.block?.host]).toEqual([
      '张三',
      '研发部',
      'zhang',
      'pigeon-pc',
    ]);
    expect(info.block?.version).toMatch(/^[0-9A-F]{8}:0:0:0$/);
  });

  it('writes no line without an avatar, and never one that is not a hash', () => {
    expect(buildEntryExtra(me, 'utf8').includes('AV:')).toBe(false);
    const forged = buildEntryExtra({ ...me, avatar: '../../etc/passwd' }, 'utf8');
    expect(forged.includes('AV:')).toBe(false);
  });

  it('ignores an AV: value that is not 16 lowercase hex digits', () => {
    for (const value of ['../x', '0123456789ABCDEF', '0123', `${hash}00`, '']) {
      const extra = bytes('n\0g\0', `\nNN:n\nAV:${value}`, [0]);
      const info = parseEntryExtra(extra, Mode.BR_ENTRY | Opt.CAPUTF8OPT, 'gbk');
      expect(info.block?.avatar, value).toBeUndefined();
    }
  });
});
