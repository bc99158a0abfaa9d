import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PigeonEvent, SnapshotDTO } from '../../src-shared/contract';
import { WS_CLOSE_TOKEN_UNKNOWN } from '../../src-shared/contract/ws-close';
import { PAGE_POLICY_HEADER } from '../../src-shared/page-policy';
import { startHeadless, type HeadlessApp } from '../../src-main/headless/headless-app';
import type { HeadlessConfig } from '../../src-main/headless/cli-args';
import { waitFor } from './support/cores';

const PORT = 2427;
let apps: HeadlessApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(apps.map((a) => a.close()));
  apps = [];
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const dataDirOf = new Map<HeadlessApp, string>();

async function start(address: string, nick: string, hosts: string[]): Promise<HeadlessApp> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pigeon-headless-'));
  dirs.push(dir);
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Pigeon</title>');
  const app = await startHeadless(baseConfig(address, nick, hosts, dir), () => undefined);
  apps.push(app);
  dataDirOf.set(app, path.join(dir, 'data'));
  return app;
}

function baseConfig(address: string, nick: string, hosts: string[], dir: string): HeadlessConfig {
  return {
    nickname: nick,
    port: PORT,
    dataDir: path.join(dir, 'data'),
    uiPort: 0,
    bindAddress: address,
    hosts,
    broadcastAddresses: [],
    broadcast: false,
    user: nick.toLowerCase() || undefined,
    hostName: 'box',
    rendererDir: dir,
    timing: { answerDelayMaxMs: 20, retryIntervalMs: 200 },
  };
}

function connect(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

/** GET with headers fetch would not let a test set (Host). */
function get(
  port: string | number,
  urlPath: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
  });
}

type Reply = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

function client(ws: WebSocket) {
  let next = 1;
  const events: PigeonEvent[] = [];
  const waiting = new Map<
    number,
    (m: { ok: boolean; value?: unknown; error?: { code: string; message: string } }) => void
  >();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    if (msg.events) events.push(...msg.events);
    else waiting.get(msg.id)?.(msg);
  });
  return {
    events,
    call(channel: string, request?: unknown) {
      const id = next++;
      return new Promise<Reply>((resolve) => {
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, channel, request }));
      });
    },
  };
}

describe('headless mode', () => {
  it('answers only its own page: Host 127.0.0.1 or localhost, Origin on calls, bounded uploads', async () => {
    const a = await start('127.0.0.23', 'Dave', []);
    const { origin, port, searchParams } = new URL(a.url);
    const token = searchParams.get('token')!;
    const wsBase = `ws://127.0.0.1:${port}/ws?token=${token}`;
    // DNS rebinding: a name of the attacker's that now resolves to 127.0.0.1.
    const rebound = { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` };
    const page = await get(port, '/', { Host: rebound.Host });
    expect(page).toMatchObject({ status: 421, text: expect.stringMatching(/127\.0\.0\.1/) });
    expect((await get(port, '/', { Host: `localhost:${port}` })).status).toBe(200);
    await expect(connect(wsBase, rebound)).rejects.toThrow(/421/);
    await expect(connect(wsBase)).rejects.toThrow(/403/);
    const local = await connect(wsBase.replace('127.0.0.1', 'localhost'), {
      Origin: `http://localhost:${port}`,
    });
    local.close();

    const uploadUrl = `${origin}/upload?token=${token}&batch=batch-0001&name=a.bin`;
    const post = (body: Buffer, headers: Record<string, string>) =>
      fetch(uploadUrl, { method: 'POST', body, headers });
    expect((await post(Buffer.from('x'), {})).status).toBe(403);
    const big = await post(Buffer.alloc(16 * 1024 * 1024 + 1), { Origin: origin });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toMatch(/at most 16 MiB/);
    expect((await post(Buffer.from('x'), { Origin: origin })).status).toBe(200);
  });

  it('serves the UI and carries the contract over a token-guarded WebSocket', async () => {
    const a = await start('127.0.0.20', 'Alice', ['127.0.0.21']);
    const b = await start('127.0.0.21', 'Bob', ['127.0.0.20']);
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);

    const page = await fetch(a.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(PAGE_POLICY_HEADER);
    expect((await fetch(new URL('/../../etc/passwd', a.url))).status).toBe(404);

    const wsBase = a.url.replace('http://', 'ws://').replace('/?token=', '/ws?token=');
    await expect(connect(wsBase.replace(/token=.*/, 'token=wrong'))).rejects.toThrow(/403/);
    await expect(connect(wsBase, { Origin: 'http://evil.example' })).rejects.toThrow(/403/);
    // Its own page with a token from an earlier start: told so in a close code, nothing else.
    const stale = await connect(wsBase.replace(/token=.*/, 'token=from-before'), {
      Origin: new URL(a.url).origin,
    });
    const closedWith = await new Promise<number>((resolve) => stale.once('close', resolve));
    expect(closedWith).toBe(WS_CLOSE_TOKEN_UNKNOWN);

    // As a browser connects: its own Origin, the Host it was given.
    const origin = new URL(a.url).origin;
    const ws = await connect(wsBase, { Origin: origin });
    const api = client(ws);
    const snapshot = await api.call('getSnapshot');
    expect(snapshot.ok).toBe(true);
    expect((snapshot.value as SnapshotDTO).self).toMatchObject({
      nickname: 'Alice',
      port: PORT,
      language: 'zh-CN',
    });

    expect(await api.call('sendMessage', { conversationId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await api.call('nope')).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(
      await api.call('sendMessage', { conversationId: 'nobody@nowhere', text: 'hi' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'failed', message: expect.stringMatching(/unknown/i) },
    });
    ws.send('not json');

    // Bob may have been met before this socket connected: events are not replayed, so the
    // snapshot is the window's starting point (as the real UI does).
    const bob = await waitFor(
      () => a.core.snapshot().peers.find((peer) => peer.nickname === 'Bob'),
      5000,
      'Bob in the peer list',
    );
    const peerId = bob.id;
    const opened = await api.call('openConversation', { peerId });
    expect(opened.value).toEqual({ conversationId: peerId });
    const sent = await api.call('sendMessage', { conversationId: peerId, text: '你好 Bob' });
    expect(sent.ok).toBe(true);
    await waitFor(
      () => api.events.find((e) => e.type === 'message' && e.message.state === 'delivered'),
      3000,
      'delivered event',
    );
    expect(b.core.listMessages({ conversationId: 'alice@box' }).map((m) => m.text)).toEqual([
      '你好 Bob',
    ]);
    const profile = await api.call('updateProfile', { nickname: 'Alice L', status: 'away' });
    expect(profile.value).toMatchObject({ nickname: 'Alice L', status: 'away' });
    await waitFor(
      () =>
        b.core
          .snapshot()
          .peers.find(
            (p) => p.id === 'alice@box' && p.status === 'away' && p.nickname === 'Alice L',
          ),
      3000,
      'away at Bob',
    );
    ws.close();
  });

  it('remembers the nickname given once, and the profile changed later', async () => {
    const first = await start('127.0.0.22', 'Carol', []);
    const dataDir = dataDirOf.get(first)!;
    expect(JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({
      nickname: 'Carol',
    });
    first.core.updateProfile({ group: '设计' });
    await first.close();
    const again = await startHeadless(
      { ...baseConfig('127.0.0.22', '', [], path.dirname(dataDir)), dataDir },
      () => undefined,
    );
    apps.push(again);
    expect(again.core.snapshot().self).toMatchObject({ nickname: 'Carol', group: '设计' });
  });
});
