// A plain TCP contact's conversation is a chat like any other: a message waiting for
// the connection can be cancelled (and then never goes out), and export holds both
// directions.
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageDTO, PigeonEvent } from '../../src-shared/contract';
import { openStore } from '../../src-main/core/store';
import { waitFor } from './support/cores';
import { freeTcpPort, startCore, startServer, type Cleanups } from './support/plain-programs';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function memoryCore() {
  const store = openStore(':memory:');
  cleanups.push(() => store.close());
  return startCore(store, await freeTcpPort(), cleanups);
}

const stateOf = (events: PigeonEvent[], id: string): MessageDTO['state'] | undefined =>
  events
    .flatMap((e) => (e.type === 'message' && e.message.id === id ? [e.message.state] : []))
    .at(-1);

const linkOf = (events: PigeonEvent[], id: string) =>
  events.flatMap((e) => (e.type === 'peer' && e.peer.id === id ? [e.peer] : [])).at(-1)?.plain
    ?.link;

describe('a plain TCP contact’s conversation', () => {
  it('a message cancelled while waiting for the program never goes out', async () => {
    const port = await freeTcpPort();
    const { core, events } = await memoryCore();
    const peer = await core.addPlainContact({
      host: '127.0.0.1',
      port,
      encoding: 'utf8',
      protocol: 'tcp',
    });
    await waitFor(() => linkOf(events, peer.id)?.state === 'refused', 5000, 'refused');
    const [dropped] = core.sendMessage({ conversationId: peer.id, text: 'never mind' });
    const [kept] = core.sendMessage({ conversationId: peer.id, text: 'this one' });
    await waitFor(() => stateOf(events, kept!.id) === 'queued', 3000, 'queued');
    expect(linkOf(events, peer.id)?.queued).toBe(2);

    expect(core.cancelMessage({ messageId: dropped!.id })).toMatchObject({ state: 'cancelled' });
    expect(linkOf(events, peer.id)?.queued).toBe(1);
    expect(() => core.cancelMessage({ messageId: dropped!.id })).toThrow(/waiting/);

    const server = await startServer(cleanups, { port });
    await core.reconnectPlainContact({ peerId: peer.id });
    await waitFor(() => stateOf(events, kept!.id) === 'delivered', 5000, 'sent on connect');
    await waitFor(() => server.heard() === 'this one', 3000, 'the server to read it');
    // Only what was kept arrived; the cancelled text stays cancelled in the history.
    expect(server.of('received').map((e) => e.text)).toEqual(['this one']);
    expect(
      core.listMessages({ conversationId: peer.id }).find((m) => m.id === dropped!.id)?.state,
    ).toBe('cancelled');
  });

  it('exports both directions as text and JSON', async () => {
    const server = await startServer(cleanups);
    const { core, events } = await memoryCore();
    const peer = await core.addPlainContact({
      host: '127.0.0.1',
      port: server.port,
      encoding: 'utf8',
      protocol: 'tcp',
      nickname: '教学服务器',
    });
    await waitFor(() => linkOf(events, peer.id)?.state === 'connected', 5000, 'connected');
    core.sendMessage({ conversationId: peer.id, text: '第一句' });
    await waitFor(
      () => core.listMessages({ conversationId: peer.id }).length === 2,
      5000,
      'the answer',
    );
    const text = core.exportConversation({ conversationId: peer.id, format: 'text' }).content;
    expect(text).toContain('第一句');
    expect(text).toContain('教学服务器: 回声: 第一句');
    const json = JSON.parse(
      core.exportConversation({ conversationId: peer.id, format: 'json' }).content,
    ) as unknown;
    expect(JSON.stringify(json)).toContain('回声: 第一句');
  });
});
