// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { displayName } from '../../../src-renderer/format/display-name';
import { groupContacts, unreadByPeer } from '../../../src-renderer/store/contact-groups';
import { conversation, peer } from './support/fixtures';

const collator = new Intl.Collator('en');

describe('grouping contacts', () => {
  const peers = [
    peer({ nickname: 'Zoe', group: 'Sales', status: 'offline' }),
    peer({ nickname: 'Yan', group: 'Sales' }),
    peer({ nickname: 'Bob', group: 'Sales', status: 'away' }),
    peer({ nickname: 'Ann', group: 'Dev', status: 'offline' }),
    peer({ nickname: 'Nobody', group: '' }),
    peer({ nickname: 'Cid', group: 'Dev' }),
  ];

  it('groups by name, the unnamed group last, present peers before offline ones', () => {
    const groups = groupContacts(peers, '', collator);
    expect(groups.map((g) => g.name)).toEqual(['Dev', 'Sales', '']);
    expect(groups[0]?.peers.map((p) => p.nickname)).toEqual(['Cid', 'Ann']);
    expect(groups[1]?.peers.map((p) => p.nickname)).toEqual(['Yan', 'Bob', 'Zoe']);
  });

  it('counts present (online or away) and all peers per group', () => {
    const sales = groupContacts(peers, '', collator).find((g) => g.name === 'Sales');
    expect(sales).toMatchObject({ online: 2, total: 3 });
  });

  it('filters by nickname, group or address, ignoring case', () => {
    expect(
      groupContacts(peers, 'zo', collator).flatMap((g) => g.peers.map((p) => p.nickname)),
    ).toEqual(['Zoe']);
    expect(groupContacts(peers, 'dev', collator).map((g) => g.name)).toEqual(['Dev']);
    const byAddress = [peer({ nickname: 'Ip', address: '10.0.0.7' }), peer({ nickname: 'Other' })];
    expect(groupContacts(byAddress, '10.0.0.7', collator)[0]?.peers.map((p) => p.nickname)).toEqual(
      ['Ip'],
    );
  });

  it('sorts Chinese nicknames by pinyin under zh-CN', () => {
    const chinese = [
      peer({ nickname: '张三', user: 'z' }),
      peer({ nickname: '李四', user: 'l' }),
      peer({ nickname: '阿明', user: 'a' }),
    ];
    const names = groupContacts(chinese, '', new Intl.Collator('zh-CN'))[0]?.peers.map(
      (p) => p.nickname,
    );
    expect(names).toEqual(['阿明', '李四', '张三']);
  });

  it('sums unread counts per peer', () => {
    const conversations = new Map([
      ['a', conversation({ id: 'a', peerId: 'p1', unread: 2 })],
      ['b', conversation({ id: 'b', peerId: 'p2', unread: 0 })],
    ]);
    const unread = unreadByPeer(conversations);
    expect(unread.get('p1')).toBe(2);
    expect(unread.has('p2')).toBe(false);
  });
});

describe('naming a peer', () => {
  it('falls back to the login, then the host, when the nickname is blank', () => {
    expect(displayName(peer({ nickname: '  ', user: 'wang' }))).toBe('wang');
    expect(displayName(peer({ nickname: '', user: '', host: 'pc-7' }))).toBe('pc-7');
    expect(displayName(peer({ nickname: 'Alice' }))).toBe('Alice');
  });
});
