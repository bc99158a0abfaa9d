// Issue 12/13: made-up names that each announce a signed key must not grow peer_keys
// without bound. Their keys go with them when the directory evicts them, and an earlier
// run's strangers' keys are forgotten at start; Bob, who chatted with us, keeps his.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Mode, Opt } from '../../src-main/core/ipmsg/commands';
import { buildEntryExtra } from '../../src-main/core/ipmsg/entry';
import { MAX_PEERS } from '../../src-main/core/discovery/peer-directory';
import { generateIdentity } from '../../src-main/core/keys/identity';
import { entryKeyLines } from '../../src-main/core/keys/signed-entry';
import type { MessengerCore } from '../../src-main/core/messenger-api';
import { openStore, type PigeonStore } from '../../src-main/core/store';
import { startFloodedAlice } from './support/flooded-core';
import { rawSocket, sendRaw, startCores, waitFor } from './support/cores';

const PORT = 2475;
const ALICE = '127.0.0.84';
const BOB = '127.0.0.85';
const FLOODER = '127.0.0.86';
const NAMES = MAX_PEERS + 1_000;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function startAlice(store: PigeonStore): MessengerCore {
  const core = startFloodedAlice(store, PORT, ALICE);
  cleanups.push(() => core.stop());
  return core;
}

/** A BR_ENTRY for `u<n>@h<n>` carrying signed key lines, as a keyed Pigeon sends it. */
function signedEntry(n: number, signer: ReturnType<typeof generateIdentity>): Buffer {
  const header = { user: `u${n}`, host: `h${n}` };
  const extra = buildEntryExtra({ nickname: `Fake ${n}`, group: '', ...header }, 'utf8', {
    utf8Block: false,
    keyLines: entryKeyLines(signer, header, Date.now()),
  });
  const command = Mode.BR_ENTRY | Opt.CAPUTF8OPT;
  const head = Buffer.from(`1_pigeon:${n + 1}:${header.user}:${header.host}:${command}:`);
  return Buffer.concat([head, extra]);
}

describe('made-up names that each announce a key', () => {
  it('leave at most a directory full of keys, and none after a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pigeon-keyed-strangers-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'pigeon.db');
    let store = openStore(file);
    cleanups.push(() => store.close());
    const alice = startAlice(store);
    await alice.start();

    const [bob] = await startCores([BOB], PORT, { hosts: [`${ALICE}:${PORT}`] });
    await waitFor(() => store.peerKeys.get('user1@host1'), 5000, "Bob's key");
    await waitFor(() => bob!.core.snapshot().peers.find((p) => p.id === 'alice@desk1'), 5000);
    bob!.core.sendMessage({
      conversationId: bob!.core.openConversation('alice@desk1'),
      text: 'hi',
    });
    await waitFor(() => alice.listMessages({ conversationId: 'user1@host1' }).length > 0);

    const signer = generateIdentity();
    const { socket } = await rawSocket(FLOODER, PORT);
    for (let i = 0; i < NAMES; i++) {
      void sendRaw(socket, signedEntry(i, signer), ALICE, PORT);
      if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    // Every name was heard and its key noted before eviction could drop it.
    await waitFor(() => store.peerKeys.get(`u${NAMES - 1}@h${NAMES - 1}`), 10_000, 'last key');
    const keyed = store.peerKeys.peerIds();
    expect(keyed.length).toBeLessThanOrEqual(MAX_PEERS + 1);
    expect(keyed).toContain('user1@host1');
    // The first names were evicted from the directory, and their keys with them.
    expect(store.peerKeys.get('u0@h0')).toBeUndefined();

    await alice.stop();
    store.close();
    store = openStore(file);
    startAlice(store);
    expect(store.peerKeys.peerIds()).toEqual(['user1@host1']);
  }, 120_000);
});
