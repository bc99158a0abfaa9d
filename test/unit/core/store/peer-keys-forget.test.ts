import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateIdentity } from '../../../../src-main/core/keys/identity';
import { openStore } from '../../../../src-main/core/store';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('PeerKeysRepo.forgetStrangers', () => {
  it('removes unverified keys from memory and the file, and never a verified one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pigeon-keys-'));
    dirs.push(dir);
    const file = path.join(dir, 'pigeon.db');
    let store = openStore(file);
    const put = (peerId: string, verified: boolean) =>
      store.peerKeys.put({
        peerId,
        keys: generateIdentity().publicKeys,
        firstSeen: 1,
        verified,
      });
    put('a@x', false);
    put('b@x', true);
    put('c@x', false);
    store.peerKeys.forgetStrangers(['a@x', 'b@x', 'nobody@x']);
    expect(store.peerKeys.peerIds().sort()).toEqual(['b@x', 'c@x']);
    store.close();
    store = openStore(file);
    expect(store.peerKeys.peerIds().sort()).toEqual(['b@x', 'c@x']);
    store.close();
  });
});
