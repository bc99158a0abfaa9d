import { describe, expect, it } from 'vitest';
import { directedBroadcast, listIpv4Interfaces } from '../../../src-main/core/net/interfaces';
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
    const targets = announceTargets(
      {
        nickname: 'n',
        broadcast: false,
        hosts: ['127.0.0.2', '127.0.0.2:2425', 'bad'],
        broadcastAddresses: ['10.1.255.255'],
      },
      2425,
    );
    expect(targets).toEqual([
      { address: '10.1.255.255', port: 2425 },
      { address: '127.0.0.2', port: 2425 },
    ]);
    expect(announceTargets({ nickname: 'n' }, 2425)[0]).toEqual({
      address: '255.255.255.255',
      port: 2425,
    });
  });
});
