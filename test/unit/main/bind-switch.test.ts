import { describe, expect, it } from 'vitest';
import { bindAddressSwitch } from '../../../src-main/shell/bind-switch';

describe('--bind', () => {
  it('takes an IPv4 address', () => {
    expect(bindAddressSwitch('127.0.0.2')).toBe('127.0.0.2');
    expect(bindAddressSwitch(' 10.0.0.5 ')).toBe('10.0.0.5');
  });

  it('ignores an absent or malformed value, so Pigeon listens everywhere', () => {
    expect(bindAddressSwitch(undefined)).toBeUndefined();
    expect(bindAddressSwitch('')).toBeUndefined();
    expect(bindAddressSwitch('localhost')).toBeUndefined();
    expect(bindAddressSwitch('127.0.0.300')).toBeUndefined();
  });
});
