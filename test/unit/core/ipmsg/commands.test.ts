import { describe, expect, it } from 'vitest';
import {
  FileAttr,
  fileTypeOf,
  hasOption,
  isKnownMode,
  makeCommand,
  Mode,
  modeName,
  modeOf,
  Opt,
  optionsOf,
} from '../../../../src-main/core/ipmsg';

describe('command numbers', () => {
  // Values from the interop reference (§2, §8, §9).
  it.each([
    ['NOOPERATION', 0x00],
    ['BR_ENTRY', 0x01],
    ['BR_EXIT', 0x02],
    ['ANSENTRY', 0x03],
    ['BR_ABSENCE', 0x04],
    ['BR_ISGETLIST', 0x10],
    ['OKGETLIST', 0x11],
    ['GETLIST', 0x12],
    ['ANSLIST', 0x13],
    ['ANSLIST_DICT', 0x14],
    ['BR_ISGETLIST2', 0x18],
    ['SENDMSG', 0x20],
    ['RECVMSG', 0x21],
    ['READMSG', 0x30],
    ['DELMSG', 0x31],
    ['ANSREADMSG', 0x32],
    ['GETINFO', 0x40],
    ['SENDINFO', 0x41],
    ['GETABSENCEINFO', 0x50],
    ['SENDABSENCEINFO', 0x51],
    ['GETFILEDATA', 0x60],
    ['RELEASEFILES', 0x61],
    ['GETDIRFILES', 0x62],
    ['DIRFILES_AUTH', 0x63],
    ['DIRFILES_AUTHRET', 0x64],
    ['GETPUBKEY', 0x72],
    ['ANSPUBKEY', 0x73],
    ['FEIQ_GROUP_MSG', 0x23],
    ['OPEN_WINDOW', 0x77],
    ['TYPING', 0x79],
    ['TYPING_STOP', 0x7a],
    ['FEIQ_IMAGE', 0xc0],
    ['KNOCK', 0xd1],
  ] as const)('%s is 0x%s', (name, value) => {
    expect(Mode[name]).toBe(value);
    expect(modeName(value)).toBe(name);
  });

  it('covers the AGENT_* and DIR_* ranges and iptux 0xFB–0xFF', () => {
    for (let m = 0xa0; m <= 0xa3; m++) expect(modeName(m)).toMatch(/^AGENT_/);
    for (let m = 0xb0; m <= 0xb8; m++) expect(modeName(m)).toMatch(/^DIR_/);
    for (let m = 0xfb; m <= 0xff; m++) expect(modeName(m)).toMatch(/^IPTUX_/);
  });

  it('has one name per mode value, every value a byte', () => {
    const values = Object.values(Mode);
    expect(new Set(values).size).toBe(values.length);
    for (const v of values) expect(v >= 0 && v <= 0xff).toBe(true);
  });

  it('names unknown modes in hex and knows which are known', () => {
    expect(modeName(0x99)).toBe('0x99');
    expect(modeName(0x5)).toBe('0x05');
    expect(isKnownMode(0x99)).toBe(false);
    expect(isKnownMode(Mode.SENDMSG)).toBe(true);
    expect(isKnownMode(Mode.NOOPERATION)).toBe(true);
  });

  it('has the option values of the reference', () => {
    expect(Opt.ABSENCEOPT).toBe(Opt.SENDCHECKOPT); // same bit, different class
    expect(Opt.UTF8OPT).toBe(0x800000);
    expect(Opt.CAPUTF8OPT).toBe(0x1000000);
    expect(Opt.FILEATTACHOPT).toBe(0x200000);
    expect(Opt.SECRETEXOPT).toBe(Opt.SECRETOPT | Opt.READCHECKOPT);
    expect(Opt.IPTUX_SHAREDOPT).toBe(2 ** 31);
    expect(FileAttr.CLIPBOARD).toBe(0x20);
  });
});

describe('command helpers', () => {
  it('splits a command into mode and options', () => {
    expect(modeOf(0x1200001)).toBe(Mode.BR_ENTRY);
    expect(optionsOf(0x1200001)).toBe(0x1200000);
    expect(modeOf(288)).toBe(Mode.SENDMSG);
    expect(optionsOf(288)).toBe(Opt.SENDCHECKOPT);
  });

  it('keeps bit 31 positive', () => {
    const command = 0x80200020;
    expect(modeOf(command)).toBe(Mode.SENDMSG);
    expect(optionsOf(command)).toBe(0x80200000);
    expect(hasOption(command, Opt.IPTUX_SHAREDOPT)).toBe(true);
    expect(makeCommand(Mode.SENDMSG, Opt.IPTUX_SHAREDOPT | Opt.FILEATTACHOPT)).toBe(command);
  });

  it('hasOption needs every bit of a composite flag', () => {
    expect(hasOption(Mode.SENDMSG | Opt.SECRETOPT, Opt.SECRETEXOPT)).toBe(false);
    expect(hasOption(Mode.SENDMSG | Opt.SECRETEXOPT, Opt.SECRETEXOPT)).toBe(true);
    expect(hasOption(Mode.SENDMSG | Opt.SECRETEXOPT, Opt.READCHECKOPT)).toBe(true);
    expect(hasOption(Mode.SENDMSG, Opt.SENDCHECKOPT)).toBe(false);
  });

  it('makeCommand keeps the mode out of the options and vice versa', () => {
    expect(makeCommand(0x120, 0x1ff)).toBe((0x120 & 0xff) | 0x100);
    expect(makeCommand(Mode.ANSENTRY, Opt.ABSENCEOPT)).toBe(259);
  });

  it('reads the file type from an attribute', () => {
    expect(fileTypeOf(FileAttr.DIR | FileAttr.HIDDEN)).toBe(FileAttr.DIR);
    expect(fileTypeOf(FileAttr.REGULAR | FileAttr.RONLY)).toBe(FileAttr.REGULAR);
  });
});
