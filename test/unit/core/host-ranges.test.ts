import { describe, expect, it } from 'vitest';
import {
  expandRanges,
  ipv4ToNumber,
  MAX_SCAN_ADDRESSES,
  numberToIpv4,
  parseAddressRange,
  parseHostInput,
  rangeFromIptuxSegment,
  type AddressRange,
} from '../../../src-main/core/net/host-ranges';

const range = (text: string): AddressRange => {
  const parsed = parseAddressRange(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe('parseAddressRange', () => {
  it('reads first-last as iptux writes scan_net_segment', () => {
    expect(range('10.0.1.1-10.0.1.254')).toEqual({
      first: '10.0.1.1',
      last: '10.0.1.254',
      size: 254,
    });
    expect(range(' 10.0.1.1 - 10.0.2.10 ')).toMatchObject({ size: 266 });
    expect(range('10.0.1.1–10.0.1.3').size).toBe(3); // an en dash, as word processors type it
  });

  it('reads the short form that changes only the last part', () => {
    expect(range('192.168.3.20-40')).toEqual({
      first: '192.168.3.20',
      last: '192.168.3.40',
      size: 21,
    });
  });

  it('reads CIDR without the network and broadcast addresses', () => {
    expect(range('10.0.1.0/24')).toEqual({ first: '10.0.1.1', last: '10.0.1.254', size: 254 });
    expect(range('10.0.1.77/24')).toMatchObject({ first: '10.0.1.1', last: '10.0.1.254' });
    expect(range('172.16.0.0/20')).toMatchObject({ size: 4094, last: '172.16.15.254' });
    expect(range('10.0.0.4/30')).toEqual({ first: '10.0.0.5', last: '10.0.0.6', size: 2 });
    expect(range('10.0.0.4/31')).toEqual({ first: '10.0.0.4', last: '10.0.0.5', size: 2 });
    expect(range('10.0.0.9/32')).toEqual({ first: '10.0.0.9', last: '10.0.0.9', size: 1 });
  });

  it('reads a single address, loopback included (for tests and local peers)', () => {
    expect(range('127.0.0.1')).toEqual({ first: '127.0.0.1', last: '127.0.0.1', size: 1 });
  });

  it('refuses more than 4096 addresses with a clear message', () => {
    const big = parseAddressRange('10.0.0.0/19');
    expect(big).toMatchObject({ ok: false, code: 'too-many' });
    expect(!big.ok && big.error).toMatch(/covers 8190 addresses; at most 4096/);
    expect(parseAddressRange('10.0.0.0-10.0.16.0')).toMatchObject({ code: 'too-many' });
    expect(parseAddressRange('10.0.0.1-10.0.16.0')).toMatchObject({
      ok: true,
      value: { size: MAX_SCAN_ADDRESSES },
    });
  });

  it.each([
    ['10.0.1.9-10.0.1.1', 'reversed'],
    ['10.0.1.9-3', 'reversed'],
    ['0.0.0.0/24', 'not-unicast'],
    ['0.1.2.3', 'not-unicast'],
    ['224.0.0.1', 'not-unicast'],
    ['239.255.255.250-239.255.255.251', 'not-unicast'],
    ['255.255.255.255', 'not-unicast'],
    ['10.0.1', 'malformed'],
    ['10.0.1.0/33', 'malformed'],
    ['10.0.1.256-10.0.1.300', 'malformed'],
    ['10.0.1.1-', 'malformed'],
    ['office-pc', 'malformed'],
    ['', 'malformed'],
  ])('refuses %j (%s)', (text, code) => {
    expect(parseAddressRange(text)).toMatchObject({ ok: false, code });
  });
});

describe('rangeFromIptuxSegment', () => {
  it('reads an iptux config entry', () => {
    expect(
      rangeFromIptuxSegment({ startip: '10.0.2.1', endip: '10.0.2.30', description: '2F' }),
    ).toMatchObject({ ok: true, value: { size: 30 } });
  });

  it('refuses anything else', () => {
    for (const bad of [null, 'x', { startip: '10.0.0.1' }, { startip: 1, endip: 2 }]) {
      expect(rangeFromIptuxSegment(bad)).toMatchObject({ ok: false, code: 'malformed' });
    }
  });
});

describe('expandRanges', () => {
  it('lists every address once, in order', () => {
    const result = expandRanges([range('10.0.1.253-10.0.2.1'), range('10.0.1.254-255')]);
    expect(result).toEqual({
      ok: true,
      value: ['10.0.1.253', '10.0.1.254', '10.0.1.255', '10.0.2.0', '10.0.2.1'],
    });
  });

  it('caps the total, not only each range', () => {
    const two = [range('10.0.0.0/20'), range('10.1.0.0/24')];
    expect(two.every((r) => r.size < MAX_SCAN_ADDRESSES)).toBe(true);
    expect(expandRanges(two)).toMatchObject({ ok: false, code: 'too-many' });
    // Overlap counts once.
    expect(expandRanges([range('10.0.0.0/21'), range('10.0.0.0/21')])).toMatchObject({ ok: true });
    expect(expandRanges([range('10.0.0.1-10.0.0.5')], 4)).toMatchObject({ ok: false });
  });
});

describe('address numbers', () => {
  it('round-trips, high addresses included', () => {
    for (const ip of ['0.0.0.1', '10.0.1.2', '192.168.255.254', '255.255.255.255']) {
      expect(numberToIpv4(ipv4ToNumber(ip) as number)).toBe(ip);
    }
    expect(ipv4ToNumber('255.255.255.255')).toBe(2 ** 32 - 1);
    expect(ipv4ToNumber('1.2.3')).toBeUndefined();
  });
});

describe('parseHostInput', () => {
  it.each([
    ['10.0.2.7', { kind: 'address', address: '10.0.2.7', port: 2425 }],
    [' 10.0.2.7:2426 ', { kind: 'address', address: '10.0.2.7', port: 2426 }],
    ['office-pc', { kind: 'name', name: 'office-pc', port: 2425 }],
    ['OFFICE_PC.corp.example:9000', { kind: 'name', name: 'OFFICE_PC.corp.example', port: 9000 }],
    ['财务部-电脑', { kind: 'name', name: '财务部-电脑', port: 2425 }],
    ['printer.local.', { kind: 'name', name: 'printer.local.', port: 2425 }],
  ])('reads %j', (text, value) => {
    expect(parseHostInput(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'malformed'],
    ['   ', 'malformed'],
    ['10.0.2.300', 'bad-address'],
    ['10.0.2', 'bad-address'],
    ['10.0.2.7:0', 'bad-port'],
    ['10.0.2.7:65536', 'bad-port'],
    ['10.0.2.7:', 'bad-port'],
    ['office pc', 'malformed'],
    ['http://office-pc', 'malformed'],
    ['-pc', 'malformed'],
    ['a..b', 'malformed'],
    ['x'.repeat(64), 'malformed'],
    ['pc\u0000', 'malformed'],
    ['fe80::1', 'malformed'],
  ])('refuses %j (%s)', (text, code) => {
    expect(parseHostInput(text)).toMatchObject({ ok: false, code });
  });

  it('uses the default port given', () => {
    expect(parseHostInput('10.0.0.1', 3000)).toMatchObject({ value: { port: 3000 } });
  });
});
