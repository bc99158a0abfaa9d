import { describe, expect, it } from 'vitest';
import {
  generateIdentity,
  signWith,
  type PublicKeys,
} from '../../../../src-main/core/keys/identity';
import type { PeerKeys } from '../../../../src-main/core/keys/peer-keys';
import { transferBinding } from '../../../../src-main/core/transfer/sealing/identity-binding';

const ours = generateIdentity();
const bob = generateIdentity();
const mallory = generateIdentity();
const transcript = Buffer.from('pigeon sealed transfer v1 …');

function bindingWith(accepted: Record<string, PublicKeys>, pending: string[] = []) {
  const keys: PeerKeys = {
    own: () => ours,
    accepted: (id) => accepted[id],
    awaitsAcceptance: (id) => pending.includes(id),
  };
  const at: Record<string, string[]> = { '10.0.0.2': ['bob@box'], '10.0.0.3': ['cat@box'] };
  return transferBinding({ keys, peersAt: (address) => at[address] ?? [] });
}

describe('transferBinding', () => {
  it('signs with our identity key', () => {
    const signature = bindingWith({}).sign(transcript);
    expect(signature).toEqual(signWith(ours, transcript));
  });

  it('takes only the accepted key of the peer at the address', () => {
    const binding = bindingWith({ 'bob@box': bob.publicKeys });
    expect(binding.verify('10.0.0.2', transcript, signWith(bob, transcript))).toBe(true);
    expect(binding.verify('10.0.0.2', transcript, signWith(mallory, transcript))).toBe(false);
    expect(binding.verify('10.0.0.2', transcript, Buffer.alloc(0))).toBe(false);
    const other = Buffer.from('pigeon sealed transfer v1 …!');
    expect(binding.verify('10.0.0.2', other, signWith(bob, transcript))).toBe(false);
  });

  it('lets a peer without a key through unchecked (nothing to check against)', () => {
    const binding = bindingWith({ 'bob@box': bob.publicKeys });
    expect(binding.verify('10.0.0.3', transcript, Buffer.alloc(0))).toBe(true);
    expect(binding.verify('10.0.0.9', transcript, Buffer.alloc(0))).toBe(true);
  });

  it('refuses a peer whose new key waits for the user, whichever key signed', () => {
    const binding = bindingWith({ 'bob@box': bob.publicKeys }, ['bob@box']);
    expect(binding.verify('10.0.0.2', transcript, signWith(bob, transcript))).toBe(false);
    expect(binding.verify('10.0.0.2', transcript, signWith(mallory, transcript))).toBe(false);
  });
});
