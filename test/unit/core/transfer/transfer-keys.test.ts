// The key exchange of sealed transfers: both ends reach the same key only for the same item,
// offset and keys; the server refuses plain requests for sealed items (no silent downgrade),
// sealed requests for plain ones, weak keys, and unsigned requests when identities are bound.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildFileRequest,
  parseFileRequest,
} from '../../../../src-main/core/transfer/file-request';
import {
  newTransferKeyPair,
  requestSealing,
  sealingKey,
  type TransferKeyBinding,
} from '../../../../src-main/core/transfer/sealing/transfer-keys';

const requester = {
  version: '1',
  user: 'ann',
  host: 'box',
  nextPacketNo: () => 7,
};
const item = { kind: 'file' as const, packetNo: 0x1234, fileId: 9, offset: 4096 };

/** Whether two keys are the same: one encrypts, the other must open it. */
function sameKey(a: Parameters<typeof createCipheriv>[1], b: Parameters<typeof createCipheriv>[1]) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', a, iv);
  const sealed = Buffer.concat([cipher.update('probe'), cipher.final()]);
  const decipher = createDecipheriv('aes-256-gcm', b, iv);
  decipher.setAuthTag(cipher.getAuthTag());
  try {
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString() === 'probe';
  } catch {
    return false;
  }
}

describe('sealed transfer keys', () => {
  it('gives both ends the same key through the request fields', () => {
    const offer = newTransferKeyPair();
    expect(offer.publicKey).toMatch(/^[\w-]{43}$/);
    const client = requestSealing(offer.publicKey, item);
    const wire = buildFileRequest({ ...item, ...client }, requester);
    const parsed = parseFileRequest(wire);
    if (parsed.status !== 'complete') throw new Error(parsed.status);
    expect(parsed.request.sealKey).toBe(client.sealKey);
    const server = sealingKey(offer, parsed.request, '10.0.0.2', {});
    expect(server.refusal).toBeUndefined();
    expect(sameKey(client.key, server.key!)).toBe(true);
  });

  it('derives another key for another offset, item or offer key', () => {
    const offer = newTransferKeyPair();
    const client = requestSealing(offer.publicKey, item);
    const request = { ...item, sealKey: client.sealKey };
    for (const other of [
      sealingKey(offer, { ...request, offset: 0 }, 'a', {}),
      sealingKey(offer, { ...request, fileId: 10 }, 'a', {}),
      sealingKey(offer, { ...request, kind: 'directory' }, 'a', {}),
      sealingKey(newTransferKeyPair(), request, 'a', {}),
    ]) {
      expect(sameKey(client.key, other.key!)).toBe(false);
    }
  });

  it('refuses a plain request for a sealed item and a sealed one for a plain item', () => {
    const offer = newTransferKeyPair();
    expect(sealingKey(offer, item, 'a', {}).refusal).toMatch(/sealed only/);
    const { sealKey } = requestSealing(offer.publicKey, item);
    expect(sealingKey(undefined, { ...item, sealKey }, 'a', {}).refusal).toMatch(/plain offer/);
    expect(sealingKey(undefined, item, 'a', {})).toEqual({});
  });

  it('refuses a low-order public key (all-zero secret) instead of sealing with it', () => {
    const offer = newTransferKeyPair();
    const zero = Buffer.alloc(32).toString('base64url');
    expect(sealingKey(offer, { ...item, sealKey: zero }, 'a', {}).refusal).toMatch(
      /public key is not usable/,
    );
  });

  it('with identities bound, serves only a request whose signature the peer made', () => {
    const secret = randomBytes(16);
    const binding: TransferKeyBinding = {
      sign: (transcript) => Buffer.concat([secret, transcript.subarray(-8)]),
      verify: (peer, transcript, signature) =>
        peer === '10.0.0.2' && signature.equals(Buffer.concat([secret, transcript.subarray(-8)])),
    };
    const offer = newTransferKeyPair();
    const signed = requestSealing(offer.publicKey, item, binding);
    const request = { ...item, sealKey: signed.sealKey, signature: signed.signature! };
    expect(sealingKey(offer, request, '10.0.0.2', { binding }).key).toBeDefined();
    expect(sealingKey(offer, request, '10.0.0.3', { binding }).refusal).toMatch(/not signed/);
    const unsigned = requestSealing(offer.publicKey, item);
    expect(
      sealingKey(offer, { ...item, sealKey: unsigned.sealKey }, '10.0.0.2', { binding }).refusal,
    ).toMatch(/not signed/);
  });

  it('ignores unreadable sealing fields: a request without a key is a plain request', () => {
    const wire = Buffer.from(`1:7:ann:box:${0x60}:1234:9:1000:k=short:s=bad sig:`, 'latin1');
    const parsed = parseFileRequest(wire);
    if (parsed.status !== 'complete') throw new Error(parsed.status);
    expect(parsed.request.sealKey).toBeUndefined();
    expect(parsed.request.signature).toBeUndefined();
  });
});
