// The pure parts of the lab: LAN planning rules and the iptux chat-log reader.
import { describe, expect, it } from 'vitest';
import { parseCommunicateLog } from '../lab/iptux-log';
import { planLan } from '../lab/lan-plan';

describe('planLan', () => {
  it('puts hosts of one /24 on one bridge with a plain default route', () => {
    const plan = planLan(
      {
        hosts: [
          { name: 'a', address: '10.99.0.10' },
          { name: 'b', address: '10.99.0.11' },
        ],
      },
      't1',
    );
    expect(plan.routerNetns).toBeUndefined();
    expect(plan.subnets).toEqual([
      expect.objectContaining({ cidr: '10.99.0.0/24', broadcast: '10.99.0.255' }),
    ]);
    expect(plan.hosts.map((h) => h.netns)).toEqual(['t1-a', 't1-b']);
    expect(plan.commands).toContainEqual([
      'ip',
      '-n',
      't1-a',
      'route',
      'add',
      'default',
      'dev',
      'eth0',
    ]);
  });

  it('adds a forwarding router and gateway routes for two subnets', () => {
    const plan = planLan(
      {
        subnets: [
          { name: 'left', cidr: '10.99.1.0/24' },
          { name: 'right', cidr: '10.99.2.0/24', gateway: '10.99.2.254' },
        ],
        hosts: [
          { name: 'l', address: '10.99.1.10' },
          { name: 'r', address: '10.99.2.10' },
        ],
      },
      't2',
    );
    expect(plan.routerNetns).toBe('t2_router');
    expect(plan.hosts.map((h) => h.gateway)).toEqual(['10.99.1.1', '10.99.2.254']);
    expect(plan.commands).toContainEqual([
      'ip',
      '-n',
      't2-r',
      'route',
      'add',
      'default',
      'via',
      '10.99.2.254',
      'dev',
      'eth0',
    ]);
    expect(plan.commands.some((c) => c.join(' ').includes('ip_forward'))).toBe(true);
  });

  it('rejects what would break the lab', () => {
    const one = (name: string, address: string) => ({ hosts: [{ name, address }] });
    expect(() => planLan(one('has space', '10.99.0.10'), 't')).toThrow(/host name/);
    expect(() => planLan(one('a', '10.99.0.255'), 't')).toThrow(/not a host address/);
    expect(() => planLan(one('a', '10.99.0'), 't')).toThrow(/IPv4/);
    expect(() =>
      planLan(
        {
          hosts: [
            { name: 'a', address: '10.99.0.10' },
            { name: 'b', address: '10.99.1.10' },
          ],
        },
        't',
      ),
    ).toThrow(/no subnet contains/);
    expect(() =>
      planLan(
        {
          hosts: [
            { name: 'a', address: '10.99.0.10' },
            { name: 'a', address: '10.99.0.11' },
          ],
        },
        't',
      ),
    ).toThrow(/used twice/);
    expect(() =>
      planLan({ subnets: [{ name: 'x', cidr: '10.99.0.0/16' }], hosts: [] }, 't'),
    ).toThrow();
  });
});

describe('parseCommunicateLog', () => {
  it('reads received and sent entries, multi-line text included', () => {
    const log = [
      '=====================================',
      '(Sun Nov 22 05:56:37 2026) Recevied-From: Nickname:Tester User:tester Host:labhost:',
      '[STRING]hello from tester',
      '-------------------------------------',
      '',
      '=====================================',
      '(Sun Nov 22 05:57:14 2026) Send-To: Nickname:Tester User:tester Host:labhost:',
      '[STRING]two',
      'lines 你好',
      '-------------------------------------',
      '',
    ].join('\n');
    expect(parseCommunicateLog(log)).toEqual([
      {
        direction: 'received',
        nick: 'Tester',
        user: 'tester',
        host: 'labhost',
        text: 'hello from tester',
      },
      {
        direction: 'sent',
        nick: 'Tester',
        user: 'tester',
        host: 'labhost',
        text: 'two\nlines 你好',
      },
    ]);
    expect(parseCommunicateLog('')).toEqual([]);
  });
});
