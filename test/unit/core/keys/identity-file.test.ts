import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  IDENTITY_FILE,
  IdentityFileError,
  loadOrCreateIdentity,
  type SecretWrapper,
} from '../../../../src-main/core/keys/identity-file';
import { exportIdentity } from '../../../../src-main/core/keys/identity';

/** A stand-in for safeStorage: XOR with a byte, and a switch for "no keyring". */
function fakeWrapper(available = true): SecretWrapper & { calls: string[] } {
  const calls: string[] = [];
  const flip = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5a));
  return {
    calls,
    isAvailable: () => available,
    wrap: (plain) => (calls.push('wrap'), Buffer.concat([Buffer.from('W1'), flip(plain)])),
    unwrap: (wrapped) => {
      calls.push('unwrap');
      if (!wrapped.subarray(0, 2).equals(Buffer.from('W1'))) throw new Error('not ours');
      return flip(wrapped.subarray(2));
    },
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pigeon-identity-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = () => path.join(dir, IDENTITY_FILE);

describe('identity.key', () => {
  it('is made once, private (0600), and read back as the same keys', () => {
    const first = loadOrCreateIdentity(dir);
    if (process.platform !== 'win32') expect(statSync(file()).mode & 0o777).toBe(0o600);
    const again = loadOrCreateIdentity(dir);
    expect(again.publicKeys.signing.equals(first.publicKeys.signing)).toBe(true);
    expect(again.publicKeys.agreement.equals(first.publicKeys.agreement)).toBe(true);
    expect(first.publicKeys.signing).toHaveLength(32);
    expect(first.publicKeys.signing.equals(first.publicKeys.agreement)).toBe(false);
  });

  it('tightens a file left readable by others', () => {
    if (process.platform === 'win32') return;
    loadOrCreateIdentity(dir);
    chmodSync(file(), 0o644);
    loadOrCreateIdentity(dir);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
  });

  it('is wrapped by the secret store where there is one: no private key in the clear', () => {
    const wrapper = fakeWrapper();
    const identity = loadOrCreateIdentity(dir, wrapper);
    const text = readFileSync(file(), 'utf8');
    const secret = exportIdentity(identity).signing.toString('base64');
    expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({ wrapped: true });
    const again = loadOrCreateIdentity(dir, wrapper);
    expect(again.publicKeys.signing.equals(identity.publicKeys.signing)).toBe(true);
    expect(wrapper.calls).toEqual(['wrap', 'unwrap']);
  });

  it('stays plain (still 0600) when the secret store is not available', () => {
    loadOrCreateIdentity(dir, fakeWrapper(false));
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toMatchObject({ wrapped: false });
  });

  it('a damaged file is an error that says so, and the file is left as it was', () => {
    writeFileSync(file(), '{"format":"pigeon-identity","version":1,"wrapped":false,"keys":"AAAA"}');
    const before = readFileSync(file());
    expect(() => loadOrCreateIdentity(dir)).toThrow(IdentityFileError);
    expect(() => loadOrCreateIdentity(dir)).toThrow(/identity key .* cannot be read/);
    expect(readFileSync(file()).equals(before)).toBe(true);
    writeFileSync(file(), 'not json at all');
    expect(() => loadOrCreateIdentity(dir)).toThrow(/damaged/);
    expect(readFileSync(file(), 'utf8')).toBe('not json at all');
  });

  it('a wrapped file without its secret store is an error, never a new identity', () => {
    loadOrCreateIdentity(dir, fakeWrapper());
    const before = readFileSync(file());
    expect(() => loadOrCreateIdentity(dir)).toThrow(/secret store/);
    expect(() => loadOrCreateIdentity(dir, fakeWrapper(false))).toThrow(/secret store/);
    const refusing: SecretWrapper = {
      ...fakeWrapper(),
      unwrap: () => {
        throw new Error('locked');
      },
    };
    expect(() => loadOrCreateIdentity(dir, refusing)).toThrow(/could not unlock/);
    expect(readFileSync(file()).equals(before)).toBe(true);
  });
});
