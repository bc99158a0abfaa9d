import { describe, expect, it } from 'vitest';
import {
  detectClient,
  parseFeiqVersion,
  PIGEON_VERSION_PREFIX,
  pigeonVersionString,
  protocolVersionOf,
} from '../../../../src-main/core/ipmsg';
import { FEIQ_MAC, FEIQ_VERSION } from './golden';

/** What IP Messenger does with a version field: C atoi, then `== 1`. */
function ipmsgAccepts(version: string): boolean {
  return protocolVersionOf(version) === 1;
}

describe('Pigeon version string', () => {
  it('is 1_pigeon <version> and passes IP Messenger’s check', () => {
    expect(pigeonVersionString('0.1.0')).toBe('1_pigeon 0.1.0');
    expect(PIGEON_VERSION_PREFIX).toBe('1_pigeon');
    expect(ipmsgAccepts(pigeonVersionString('0.1.0'))).toBe(true);
    expect(pigeonVersionString('0.1.0')).toMatch(/^1\D/);
  });

  it('drops characters that would break the header', () => {
    expect(pigeonVersionString('1.0:evil\0\n')).toBe('1_pigeon 1.0evil');
    expect(pigeonVersionString('  ')).toBe('1_pigeon');
  });

  it('is recognised as Pigeon', () => {
    expect(detectClient(pigeonVersionString('2.3.4-beta'))).toBe('pigeon');
    expect(detectClient('1_pigeon')).toBe('pigeon');
  });
});

describe('detectClient', () => {
  it.each([
    [FEIQ_VERSION, 'feiq'],
    ['1_lbt4_10#128#001122334455#0#0#0', 'feiq'],
    ['1_iptux 0.8.3', 'iptux'],
    ['1_iptux 0.9.0', 'iptux'],
    ['1_pigeon 0.1.0', 'pigeon'],
    ['1', 'ipmsg'],
    ['1@shiyeline', 'ipmsg'],
    ['1 anything', 'ipmsg'],
    ['1_pigeonx', 'ipmsg'],
    ['10', 'unknown'],
    ['2', 'unknown'],
    ['iptux 0.7.6', 'unknown'],
    ['', 'unknown'],
  ])('%j → %s', (version, kind) => {
    expect(detectClient(version)).toBe(kind);
  });

  it('classifies only versions IP Messenger accepts as IP Messenger dialects', () => {
    for (const v of ['1', '1_lbt6_0#1', '1_iptux 0.8.3', '1_pigeon 1.0.0']) {
      expect(ipmsgAccepts(v)).toBe(true);
    }
    expect(ipmsgAccepts('10')).toBe(false);
  });
});

describe('parseFeiqVersion', () => {
  it('reads avatar, level and MAC (case kept: it is the group-chat key)', () => {
    expect(parseFeiqVersion(FEIQ_VERSION)).toEqual({
      generation: 6,
      avatar: 0,
      level: 128,
      mac: FEIQ_MAC,
      groupCipherLength: 0,
    });
    expect(parseFeiqVersion('1_lbt4_12#32899#a0b1c2d3e4f5#0#0#0')?.mac).toBe('a0b1c2d3e4f5');
  });

  it('reads the ciphertext length of a group message', () => {
    const v = `1_lbt6_3#65664#${FEIQ_MAC}#0#0#96#4001#9`;
    expect(parseFeiqVersion(v)).toMatchObject({ avatar: 3, level: 65664, groupCipherLength: 96 });
  });

  it.each([
    '1',
    '1_iptux 0.8.3',
    '1_lbt6_0',
    '1_lbt6_0#128',
    '1_lbt6_0#128#XYZ#0#0#0',
    '1_lbt6_0#abc#5C260A1B2C3D#0#0#0',
    '1_lbt6#128#5C260A1B2C3D#0#0#0',
    '1_lbt6_0#128#5C260A1B2C3#0#0#0',
  ])('gives undefined for %j', (version) => {
    expect(parseFeiqVersion(version)).toBeUndefined();
  });
});
