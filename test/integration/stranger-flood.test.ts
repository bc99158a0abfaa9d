// Issue 13: 50,000 made-up `user@host` names from one address. The contact list stays
// bounded in memory and in every window (evicted strangers are removed there too, no
// ghosts), the snapshot stays small, and strangers are not remembered after a restart.
// Bob, who chatted with us, is never evicted and is remembered.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PigeonEvent } from '../../src-shared/contract';
import { MAX_PEERS } from '../../src-main/core/discovery/peer-directory';
import type { MessengerCore } from '../../src-main/core/messenger-api';
import { openStore, type PigeonStore } from '../../src-main/core/store';
import { startFloodedAlice } from './support/flooded-core';
import { rawSocket, sendRaw, startCores, waitFor } from './support/cores';

const PORT = 2447;
const ALICE = '127.0.0.80';
const FLOODER = '127.0.0.82';
const NAMES = 50_000;
const BR_ENTRY = 0x1;
const ANSENTRY = 0x3;
const CAPUTF8OPT = 0x1000000;
const MB = 1024 * 1024;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function startAlice(store: PigeonStore): MessengerCore {
  const core = startFloodedAlice(store, PORT, ALICE);
  cleanups.push(() => core.stop());
  return core;
}

/** What a window holds: the snapshot, then every peer and peer-removed event applied. */
function windowPeers(core: MessengerCore): Map<string, unknown> {
  const shown = new Map<string, unknown>(core.snapshot().peers.map((p) => [p.id, p]));
  core.onEvent((event: PigeonEvent) => {
    if (event.type === 'peer') shown.set(event.peer.id, event.peer);
    else if (event.type === 'peer-removed') shown.delete(event.peerId);
  });
  return shown;
}

describe('50,000 made-up names from one address', () => {
  it('leave a bounded list everywhere, a small snapshot, and nothing after a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pigeon-strangers-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'pigeon.db');
    let store = openStore(file);
    cleanups.push(() => store.close());
    const alice = startAlice(store);
    const shown = windowPeers(alice);
    await alice.start();

    // Bob chats with Alice first: a contact with history.
    const [bob] = await startCores(['127.0.0.81'], PORT, { hosts: [`${ALICE}:${PORT}`] });
    await waitFor(() => alice.snapshot().peers.find((p) => p.id === 'user1@host1'), 5000, 'Bob');
    // Each side learns the other on its own answer: Bob may hear Alice a moment later.
    await waitFor(
      () => bob!.core.snapshot().peers.find((p) => p.id === 'alice@desk1'),
      5000,
      'Alice',
    );
    bob!.core.sendMessage({
      conversationId: bob!.core.openConversation('alice@desk1'),
      text: 'hi',
    });
    await waitFor(() => alice.listMessages({ conversationId: 'user1@host1' }).length > 0);

    const rssBefore = process.memoryUsage().rss;
    const { socket } = await rawSocket(FLOODER, PORT);
    for (let i = 0; i < NAMES; i++) {
      const mode = i % 2 === 0 ? BR_ENTRY : ANSENTRY | CAPUTF8OPT;
      void sendRaw(socket, `1:${i + 1}:u${i}:h${i}:${mode}:Fake ${i}\0g\0`, ALICE, PORT);
      // Paced so the kernel's receive buffer keeps up: every name reaches Alice.
      if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(alice.stats().datagramsIn).toBeGreaterThan(NAMES * 0.8);

    const snapshot = alice.snapshot();
    expect(snapshot.peers.length).toBeLessThanOrEqual(MAX_PEERS + 1);
    expect(snapshot.peers.map((p) => p.id)).toContain('user1@host1');
    expect(JSON.stringify(snapshot).length).toBeLessThan(1 * MB);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * MB);
    // No ghosts: a window that applied every event shows what main knows, nothing more.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...shown.keys()].sort()).toEqual(snapshot.peers.map((p) => p.id).sort());

    // After a restart: Bob, and none of the strangers.
    await alice.stop();
    store.close();
    store = openStore(file);
    const again = startAlice(store);
    expect(again.snapshot().peers.map((p) => p.id)).toEqual(['user1@host1']);
    expect(store.peers.all().map((p) => p.id)).toEqual(['user1@host1']);
  }, 120_000);
});
