import { describe, expect, it } from 'vitest';
import { directedBroadcast, listIpv4Interfaces } from '../../../src-main/core/net/interfaces';
import { HostList, parseHostListEntry } from '../../../src-main/core/net/host-list';
import { announceTargets, parseHostEntry } from '../../../src-main/core/net/targets';

describe('announce targets', () => {
  it('computes directed broadcast addresses', () => {
    expect(directedBroadcast('192.168.1.23', '255.255.255.0')).toBe('192.168.1.255');
    expect(directedBroadcast('10.99.0.10', '255.255.0.0')).toBe('10.99.255.255');
    expect(directedBroadcast('172.16.5.4', '255.255.255.252')).toBe('172.16.5.7');
  });

  it('lists only external IPv4 interfaces', () => {
    const list = listIpv4Interfaces(() => ({
      lo: [
        {
          address: '127.0.0.1',
          netmask: '255.0.0.0',
          family: 'IPv4',
          internal: true,
          mac: '',
          cidr: null,
        },
      ],
      eth0: [
        {
          address: '10.99.0.10',
          netmask: '255.255.255.0',
          family: 'IPv4',
          internal: false,
          mac: '',
          cidr: null,
        },
        {
          address: 'fe80::1',
          netmask: 'ffff::',
          family: 'IPv6',
          internal: false,
          mac: '',
          cidr: null,
          scopeid: 1,
        },
      ],
    }));
    expect(list).toEqual([
      { name: 'eth0', address: '10.99.0.10', netmask: '255.255.255.0', broadcast: '10.99.0.255' },
    ]);
  });

  it('parses host entries and rejects nonsense', () => {
    expect(parseHostEntry('10.0.0.7', 2425)).toEqual({ address: '10.0.0.7', port: 2425 });
    expect(parseHostEntry(' 127.0.0.3:2500 ', 2425)).toEqual({ address: '127.0.0.3', port: 2500 });
    for (const bad of [
      '',
      'host',
      '1.2.3',
      '1.2.3.256',
      '1.2.3.4:0',
      '1.2.3.4:70000',
      '1.2.3.4:x',
    ]) {
      expect(parseHostEntry(bad, 2425)).toBeUndefined();
    }
  });

  it('without broadcast, announces to the host list only, without duplicates', () => {
    const hosts = new HostList(2425);
    hosts.set(['127.0.0.2', '127.0.0.2:2425', '127.0.0.8-127.0.0.9', 'not an address!']);
    const targets = announceTargets(
      { broadcast: false, broadcastAddresses: ['10.1.255.255'] },
      2425,
      hosts.endpoints(),
    );
    expect(targets).toEqual([
      { address: '10.1.255.255', port: 2425 },
      { address: '127.0.0.2', port: 2425 },
      { address: '127.0.0.8', port: 2425 },
      { address: '127.0.0.9', port: 2425 },
    ]);
    expect(announceTargets({}, 2425)[0]).toEqual({
      address: '255.255.255.255',
      port: 2425,
    });
  });
});

describe('host list entries', () => {
  it('reads addresses, names and ranges, and explains the rest', () => {
    expect(parseHostListEntry('10.0.2.7:2426', 2425)).toEqual({
      ok: true,
      value: { kind: 'host', host: { kind: 'address', address: '10.0.2.7', port: 2426 } },
    });
    expect(parseHostListEntry('财务-pc', 2425)).toMatchObject({
      ok: true,
      value: { kind: 'host', host: { kind: 'name', name: '财务-pc' } },
    });
    expect(parseHostListEntry('10.0.2.0/24', 2425)).toMatchObject({
      ok: true,
      value: { kind: 'range', range: { size: 254 } },
    });
    expect(parseHostListEntry('10.0.0.0/8', 2425)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/4096|too many/i),
    });
    expect(parseHostListEntry('10.0.2.9-10.0.2.1', 2425)).toMatchObject({ ok: false });
    expect(parseHostListEntry('a b', 2425)).toMatchObject({ ok: false, error: expect.any(String) });
  });

  it('resolves names with the given resolver and keeps the last answer', async () => {
    const hosts = new HostList(2425, async (name) =>
      name === 'office-pc' ? [{ address: '10.0.3.4', family: 4 }] : [],
    );
    hosts.set(['office-pc', 'nowhere-pc', '10.0.3.9']);
    expect(hosts.endpoints()).toEqual([{ address: '10.0.3.9', port: 2425 }]);
    expect(await hosts.resolveNames()).toEqual([{ address: '10.0.3.4', port: 2425 }]);
    expect(hosts.endpoints()).toEqual([
      { address: '10.0.3.4', port: 2425 },
      { address: '10.0.3.9', port: 2425 },
    ]);
  });
});
