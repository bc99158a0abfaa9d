import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PigeonEvent } from '../../src-shared/contract';
import { createHandlers, windowlessHooks } from '../../src-main/adapters/handlers';
import type { HeadlessConfig } from '../../src-main/headless/cli-args';
import { startHeadless, type HeadlessApp } from '../../src-main/headless/headless-app';

const open: HeadlessApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((a) => a.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function start(dir: string): Promise<HeadlessApp> {
  const config: HeadlessConfig = {
    nickname: 'Ann',
    port: 2429,
    dataDir: path.join(dir, 'data'),
    uiPort: 0,
    bindAddress: '127.0.0.40',
    hosts: [],
    broadcastAddresses: [],
    broadcast: false,
    user: 'ann',
    hostName: 'box',
    rendererDir: dir,
    timing: { answerDelayMaxMs: 20 },
  };
  const app = await startHeadless(config, () => undefined);
  open.push(app);
  return app;
}

describe('pins and remarks, from a window to the history and back', () => {
  it('are told to every window, and kept across a restart', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pigeon-pins-'));
    dirs.push(dir);
    await writeFile(path.join(dir, 'index.html'), '<!doctype html>');
    const first = await start(dir);
    const events: PigeonEvent[] = [];
    first.core.onEvent((event) => events.push(event));
    const handlers = createHandlers(first.core, windowlessHooks);

    expect(await handlers.pinConversation({ conversationId: 'ben@box', pinned: true })).toEqual({
      id: 'ben@box',
      peerId: 'ben@box',
      unread: 0,
      pinned: true,
    });
    expect(await handlers.setRemark({ peerId: 'ben@box', remark: '  Ben (QA)  ' })).toEqual({
      peerId: 'ben@box',
      remark: 'Ben (QA)',
    });
    await expect(handlers.setRemark({ peerId: 'ben@box', remark: 'a\u0007b' })).rejects.toThrow();
    await expect(handlers.pinConversation({ conversationId: 'ben@box' })).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events).toContainEqual({ type: 'remark', peerId: 'ben@box', remark: 'Ben (QA)' });
    expect(events).toContainEqual({
      type: 'conversation',
      conversation: { id: 'ben@box', peerId: 'ben@box', unread: 0, pinned: true },
    });

    await first.close();
    open.splice(open.indexOf(first), 1);
    const again = await start(dir);
    const snapshot = again.core.snapshot();
    expect(snapshot.remarks).toEqual([{ peerId: 'ben@box', remark: 'Ben (QA)' }]);
    expect(snapshot.conversations.find((c) => c.id === 'ben@box')?.pinned).toBe(true);
  });
});
