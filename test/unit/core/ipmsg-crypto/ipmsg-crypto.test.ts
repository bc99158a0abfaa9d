// IP Messenger's encryption pieces alone: the key file, the key exchange's extras, the
// user-name digest, and an encrypted body refused when tampered with, never with a throw.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreedCaps, Cap, PIGEON_CAPS } from '../../../../src-main/core/ipmsg-crypto/capabilities';
import { loadIpmsgKeyPair } from '../../../../src-main/core/ipmsg-crypto/key-pair';
import {
  decryptMessageBody,
  encryptMessageBody,
} from '../../../../src-main/core/ipmsg-crypto/message-cipher';
import {
  buildKeyAnswer,
  buildKeyRequest,
  keyMatchesUserName,
  parseKeyAnswer,
  parseKeyRequest,
  userNameDigest,
} from '../../../../src-main/core/ipmsg-crypto/public-key';

const alice = generateKeyPairSync('rsa', { modulusLength: 2048 });
const bob = generateKeyPairSync('rsa', { modulusLength: 2048 });
const plain = Buffer.from('meet at noon\0', 'utf8');

function sealedForBob(caps = PIGEON_CAPS, packetNo = 77): Buffer {
  return encryptMessageBody({
    plain,
    packetNo,
    caps,
    recipientKey: bob.publicKey,
    signingKey: alice.privateKey,
  });
}

describe('the key file', () => {
  it('is made once, 0600, and read back as the same key', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pigeon-keys-'));
    const first = await loadIpmsgKeyPair(folder);
    const [file] = readdirSync(folder);
    expect(file).toBeDefined();
    expect(statSync(join(folder, file ?? '')).mode & 0o777).toBe(0o600);
    const again = await loadIpmsgKeyPair(folder);
    expect(again.publicKey.export({ format: 'jwk' }).n).toBe(
      first.publicKey.export({ format: 'jwk' }).n,
    );
  });

  it('narrows a widened file back to 0600', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pigeon-keys-'));
    await loadIpmsgKeyPair(folder);
    const path = join(folder, readdirSync(folder)[0] ?? '');
    chmodSync(path, 0o644);
    await loadIpmsgKeyPair(folder);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('keeps a damaged file aside and makes a new key', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pigeon-keys-'));
    writeFileSync(join(folder, 'ipmsg-rsa-2048.pem'), 'not a key');
    const keys = await loadIpmsgKeyPair(folder);
    expect(keys.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(readdirSync(folder).some((name) => name.includes('.damaged-'))).toBe(true);
  });
});

describe('the key exchange', () => {
  it('reads back the capabilities of GETPUBKEY and the key of ANSPUBKEY', () => {
    expect(parseKeyRequest(buildKeyRequest(PIGEON_CAPS))).toBe(PIGEON_CAPS);
    expect(parseKeyRequest(Buffer.from('65920006\0'))).toBe(0x65920006);
    const answer = buildKeyAnswer(PIGEON_CAPS, bob.publicKey);
    expect(answer.toString('latin1')).toMatch(/^41900004:10001-[0-9a-f]{512}$/);
    const key = parseKeyAnswer(Buffer.concat([answer, Buffer.from([0])]));
    expect(key?.caps).toBe(PIGEON_CAPS);
    expect(key?.key.export({ format: 'jwk' }).n).toBe(bob.publicKey.export({ format: 'jwk' }).n);
  });

  it('refuses keys that are not RSA-2048 with an odd exponent', () => {
    const good = buildKeyAnswer(PIGEON_CAPS, bob.publicKey).toString('latin1');
    const modulus = good.split('-')[1] ?? '';
    expect(parseKeyAnswer(Buffer.from(`4:10000-${modulus}`))).toBeUndefined();
    expect(parseKeyAnswer(Buffer.from(`4:1-${modulus}`))).toBeUndefined();
    expect(parseKeyAnswer(Buffer.from(`4:10001-${modulus.slice(2)}`))).toBeUndefined();
    expect(parseKeyAnswer(Buffer.from(`4:10001-00${modulus.slice(2)}`))).toBeUndefined();
    expect(parseKeyAnswer(Buffer.from(`4:10001-${modulus}00`))).toBeUndefined();
  });

  it('checks a fingerprint user name against the key it answers with', () => {
    const key = parseKeyAnswer(buildKeyAnswer(PIGEON_CAPS, bob.publicKey));
    if (!key) throw new Error('no key');
    const digest = userNameDigest(key.modulus);
    expect(keyMatchesUserName(`bob-<${digest}>`, key)).toBe(true);
    expect(keyMatchesUserName(`bob-<${digest.toUpperCase()}>`, key)).toBe(true);
    expect(keyMatchesUserName('bob', key)).toBe(true);
    expect(keyMatchesUserName('bob-<0123456789abcdef>', key)).toBe(false);
  });

  it('never throws on what a peer sends', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), (bytes) => {
        parseKeyRequest(Buffer.from(bytes));
        parseKeyAnswer(Buffer.from(bytes));
      }),
      { numRuns: 300 },
    );
  });
});

describe('an encrypted body', () => {
  it('opens for its recipient and verifies the signer', () => {
    expect(
      decryptMessageBody({
        body: sealedForBob(),
        packetNo: 77,
        privateKey: bob.privateKey,
        senderKey: alice.publicKey,
      }),
    ).toEqual({ ok: true, plain, signature: 'verified' });
  });

  it('does not open for anyone else, nor with a signature by someone else', () => {
    expect(
      decryptMessageBody({ body: sealedForBob(), packetNo: 77, privateKey: alice.privateKey }).ok,
    ).toBe(false);
    expect(
      decryptMessageBody({
        body: sealedForBob(),
        packetNo: 77,
        privateKey: bob.privateKey,
        senderKey: bob.publicKey,
      }),
    ).toEqual({ ok: false, reason: 'signature does not match the sender' });
  });

  it('is refused when any character of a field changes', () => {
    const body = sealedForBob(Cap.RSA_2048 | Cap.AES_256 | Cap.PACKETNO_IV | Cap.SIGN_SHA256);
    const text = body.toString('latin1');
    fc.assert(
      fc.property(fc.integer({ min: 9, max: text.length - 1 }), (at) => {
        const original = text[at] ?? '';
        if (original === ':') return;
        const swapped = original === '0' ? '1' : '0';
        const forged = Buffer.from(text.slice(0, at) + swapped + text.slice(at + 1), 'latin1');
        const result = decryptMessageBody({
          body: forged,
          packetNo: 77,
          privateKey: bob.privateKey,
          senderKey: alice.publicKey,
        });
        expect(result.ok).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('is refused under another packet number (the IV)', () => {
    const result = decryptMessageBody({
      body: sealedForBob(),
      packetNo: 78,
      privateKey: bob.privateKey,
      senderKey: alice.publicKey,
    });
    expect(result.ok).toBe(false);
  });

  it('never throws on garbage', () => {
    const fields = fc.array(
      fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...'0123456789abcdef') })),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(fields, fc.integer({ min: 0, max: 0xffffffff }), (parts, packetNo) => {
        const result = decryptMessageBody({
          body: Buffer.from(parts.join(':'), 'utf8'),
          packetNo,
          privateKey: bob.privateKey,
        });
        expect(result.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('agreeing on a scheme', () => {
  it('needs RSA-2048 and AES-256 on both sides', () => {
    expect(agreedCaps(0x65920006)).toBe(
      Cap.RSA_2048 | Cap.AES_256 | Cap.PACKETNO_IV | Cap.ENCODE_BASE64 | Cap.SIGN_SHA256,
    );
    expect(agreedCaps(Cap.RSA_1024 | Cap.BLOWFISH_128)).toBeUndefined();
    expect(agreedCaps(0)).toBeUndefined();
  });
});
