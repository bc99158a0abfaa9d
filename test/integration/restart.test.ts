import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HeadlessConfig } from '../../src-main/headless/cli-args';
import { startHeadless, type HeadlessApp } from '../../src-main/headless/headless-app';
import { avatarHashOf } from '../../src-main/core/avatars/avatar-image';
import { makePng } from '../lab/png';
import { waitFor } from './support/cores';

const PORT = 2428;
const open: HeadlessApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((a) => a.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pigeon-restart-'));
  dirs.push(dir);
  await writeFile(path.join(dir, 'index.html'), '<!doctype html>');
  return dir;
}

async function start(
  dir: string,
  address: string,
  nick: string,
  other: string,
): Promise<HeadlessApp> {
  const config: HeadlessConfig = {
    nickname: nick,
    port: PORT,
    dataDir: path.join(dir, 'data'),
    uiPort: 0,
    bindAddress: address,
    hosts: [other],
    broadcastAddresses: [],
    broadcast: false,
    user: nick.toLowerCase(),
    hostName: 'box',
    rendererDir: dir,
    timing: { answerDelayMaxMs: 20, retryIntervalMs: 150 },
  };
  const app = await startHeadless(config, () => undefined);
  open.push(app);
  return app;
}

async function restart(
  app: HeadlessApp,
  dir: string,
  address: string,
  nick: string,
  other: string,
) {
  await app.close();
  open.splice(open.indexOf(app), 1);
  return start(dir, address, nick, other);
}

describe('Pigeon restarted on the same data folder', () => {
  it('keeps conversations, messages with their states, and known peers (shown offline)', async () => {
    const [dirA, dirB] = [await folder(), await folder()];
    let a = await start(dirA, '127.0.0.30', 'Ann', '127.0.0.31');
    const b = await start(dirB, '127.0.0.31', 'Ben', '127.0.0.30');
    await waitFor(() => a.core.snapshot().peers.some((p) => p.id === 'ben@box'), 3000, 'Ben');
    const [m] = a.core.sendMessage({
      conversationId: a.core.openConversation('ben@box'),
      text: '重启之后还在吗？',
    });
    await waitFor(() =>
      a.core
        .listMessages({ conversationId: 'ben@box' })
        .some((x) => x.id === m!.id && x.state === 'delivered'),
    );
    b.core.sendMessage({ conversationId: 'ann@box', text: 'yes' });
    await waitFor(() => a.core.listMessages({ conversationId: 'ben@box' }).length === 2);
    await b.close();

    a = await restart(a, dirA, '127.0.0.30', 'Ann', '127.0.0.31');
    const snapshot = a.core.snapshot();
    expect(snapshot.peers.find((p) => p.id === 'ben@box')).toMatchObject({
      nickname: 'Ben',
      status: 'offline',
    });
    expect(snapshot.conversations.find((c) => c.id === 'ben@box')).toMatchObject({ unread: 1 });
    expect(
      a.core.listMessages({ conversationId: 'ben@box' }).map((x) => [x.text, x.state]),
    ).toEqual([
      ['重启之后还在吗？', 'delivered'],
      ['yes', 'received'],
    ]);
    expect(a.core.searchMessages({ query: '之后' }).map((h) => h.message.id)).toEqual([m!.id]);
  });

  it('delivers what waited in the outbox after both sides restarted, once', async () => {
    const [dirA, dirB] = [await folder(), await folder()];
    let a = await start(dirA, '127.0.0.32', 'Ann', '127.0.0.33');
    let b = await start(dirB, '127.0.0.33', 'Ben', '127.0.0.32');
    await waitFor(() => a.core.snapshot().peers.some((p) => p.id === 'ben@box'), 3000, 'Ben');
    await b.close(); // says goodbye: Ann sees Ben offline
    await waitFor(
      () => a.core.snapshot().peers.find((p) => p.id === 'ben@box')?.status === 'offline',
      3000,
      'offline',
    );
    const queued = a.core.sendMessage({ conversationId: 'ben@box', text: 'for when you are back' });
    expect(queued.map((x) => x.state)).toEqual(['queued']);

    a = await restart(a, dirA, '127.0.0.32', 'Ann', '127.0.0.33');
    expect(a.core.listMessages({ conversationId: 'ben@box' }).map((x) => x.state)).toEqual([
      'queued',
    ]);
    b = await start(dirB, '127.0.0.33', 'Ben', '127.0.0.32');
    await waitFor(
      () =>
        a.core.listMessages({ conversationId: 'ben@box' }).every((x) => x.state === 'delivered'),
      5000,
      'delivered after restarts',
    );
    await waitFor(() => b.core.listMessages({ conversationId: 'ann@box' }).length === 1);
    // Another restart of each must not send it again.
    b = await restart(b, dirB, '127.0.0.33', 'Ben', '127.0.0.32');
    a = await restart(a, dirA, '127.0.0.32', 'Ann', '127.0.0.33');
    await waitFor(
      () => b.core.snapshot().peers.some((p) => p.id === 'ann@box' && p.status === 'online'),
      3000,
      'Ann back',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(b.core.listMessages({ conversationId: 'ann@box' }).map((x) => x.text)).toEqual([
      'for when you are back',
    ]);
  });

  it('shows an offline contact with the signature and avatar it last announced', async () => {
    const [dirA, dirB] = [await folder(), await folder()];
    let a = await start(dirA, '127.0.0.34', 'Ann', '127.0.0.35');
    const b = await start(dirB, '127.0.0.35', 'Ben', '127.0.0.34');
    await waitFor(() => a.core.snapshot().peers.some((p) => p.id === 'ben@box'), 3000, 'Ben');
    a.core.openConversation('ben@box'); // only contacts Ann dealt with are remembered
    const picture = makePng(48, 48, (x, y) => [x * 5, y * 5, 128]);
    b.core.updateProfile({ signature: '出差中，有事留言' });
    b.core.setAvatar({ png: picture.toString('base64') });
    const ben = () => a.core.snapshot().peers.find((p) => p.id === 'ben@box');
    await waitFor(
      () => ben()?.signature === '出差中，有事留言' && ben()?.avatar === avatarHashOf(picture),
      5000,
      "Ben's signature and avatar at Ann",
    );
    await b.close();

    a = await restart(a, dirA, '127.0.0.34', 'Ann', '127.0.0.35');
    expect(ben()).toMatchObject({
      status: 'offline',
      signature: '出差中，有事留言',
      avatar: avatarHashOf(picture),
    });
    expect(a.core.getAvatar({ hash: avatarHashOf(picture) }).mimeType).toBe('image/png');
  });
});
