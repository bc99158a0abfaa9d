// Pigeon's IP Messenger encryption checked against an independent implementation
// (ipmsg_crypto_check.py, Python's `cryptography`), both ways.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cap, PIGEON_CAPS } from '../../../../src-main/core/ipmsg-crypto/capabilities';
import {
  decryptMessageBody,
  encryptMessageBody,
} from '../../../../src-main/core/ipmsg-crypto/message-cipher';
import {
  buildKeyAnswer,
  parseKeyAnswer,
  userNameDigest,
} from '../../../../src-main/core/ipmsg-crypto/public-key';

const SCRIPT = join(__dirname, 'ipmsg_crypto_check.py');

function python<T>(request: Record<string, unknown>): T {
  const out = execFileSync('python3', [SCRIPT], { input: JSON.stringify(request) });
  return JSON.parse(out.toString('utf8')) as T;
}

const pigeon = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pigeonAnswer = buildKeyAnswer(PIGEON_CAPS, pigeon.publicKey).toString('latin1');
const plain = Buffer.concat([Buffer.from('你好 Bob, encrypted ✓', 'utf8'), Buffer.from([0])]);

const schemes = [
  { name: 'hex, zero IV, unsigned', caps: Cap.RSA_2048 | Cap.AES_256 },
  {
    name: 'hex, packet-number IV, SHA-256',
    caps: Cap.RSA_2048 | Cap.AES_256 | Cap.PACKETNO_IV | Cap.SIGN_SHA256,
  },
  { name: 'base64, everything Pigeon offers', caps: PIGEON_CAPS },
];

describe('IP Messenger encryption against Python cryptography', { timeout: 60_000 }, () => {
  for (const { name, caps } of schemes) {
    it(`Pigeon encrypts, Python decrypts (${name})`, () => {
      const packetNo = 1_765_000_123;
      const body = encryptMessageBody({
        plain,
        packetNo,
        caps,
        recipientKey: pigeon.publicKey,
        signingKey: pigeon.privateKey,
      });
      const result = python<{ plain: string; verified: boolean | null; caps: number }>({
        action: 'decrypt',
        privateKey: pigeon.privateKey.export({ format: 'pem', type: 'pkcs8' }),
        body: body.toString('latin1'),
        packetNo,
        senderAnswer: pigeonAnswer,
      });
      expect(Buffer.from(result.plain, 'hex')).toEqual(plain);
      expect(result.caps).toBe(caps);
      expect(result.verified).toBe((caps & Cap.SIGN_SHA256) !== 0 ? true : null);
    });

    it(`Python encrypts, Pigeon decrypts (${name})`, () => {
      const packetNo = 4_000_000_001;
      const sent = python<{ body: string; senderAnswer: string }>({
        action: 'encrypt',
        caps,
        recipientAnswer: pigeonAnswer,
        plain: plain.toString('hex'),
        packetNo,
      });
      const sender = parseKeyAnswer(Buffer.from(sent.senderAnswer, 'latin1'));
      expect(sender).toBeDefined();
      const result = decryptMessageBody({
        body: Buffer.from(sent.body, 'latin1'),
        packetNo,
        privateKey: pigeon.privateKey,
        ...(sender ? { senderKey: sender.key } : {}),
      });
      expect(result).toEqual({
        ok: true,
        plain,
        signature: (caps & Cap.SIGN_SHA256) !== 0 ? 'verified' : 'none',
      });
      // The wrong packet number is the wrong IV: the first block no longer matches.
      if ((caps & Cap.PACKETNO_IV) !== 0) {
        const shifted = decryptMessageBody({
          body: Buffer.from(sent.body, 'latin1'),
          packetNo: packetNo + 1,
          privateKey: pigeon.privateKey,
          ...(sender ? { senderKey: sender.key } : {}),
        });
        expect(shifted.ok).toBe(false);
      }
    });
  }

  it('computes the same user-name digest as Python', () => {
    const key = parseKeyAnswer(Buffer.from(pigeonAnswer, 'latin1'));
    expect(key).toBeDefined();
    const modulus = key?.modulus ?? Buffer.alloc(0);
    const expected = python<{ digest: string }>({
      action: 'digest',
      modulus: modulus.toString('hex'),
    });
    expect(userNameDigest(modulus)).toBe(expected.digest);
    expect(userNameDigest(modulus)).toMatch(/^[0-9a-f]{16}$/);
  });
});
