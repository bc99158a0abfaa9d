import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeerDTO } from '../../src-shared/contract';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { until } from '../lab/until';

// Real broadcast only: no host list, every Pigeon bound to 0.0.0.0:2425 on its own host.
const HOSTS = [
  { name: 'alpha', address: '10.99.0.10', hostname: 'alpha-pc' },
  { name: 'bravo', address: '10.99.0.11', hostname: 'bravo-pc' },
  { name: 'charlie', address: '10.99.0.12', hostname: 'charlie-pc' },
];
// Charlie's data folder: a host that returns is the same Pigeon (its identity.key and
// history), as it would be after a reboot.
const CHARLIE_DATA = mkdtempSync(path.join(os.tmpdir(), 'pigeon-lan-charlie-'));
const TIMING = {
  answerDelayMaxMs: 300,
  retryIntervalMs: 500,
  maxRetries: 4,
  reannounceMs: 1000,
  ageOutMs: 3000,
};

let lan: Lan;
const pigeons = new Map<string, PigeonOnHost>();

beforeAll(async () => {
  lan = await createLan({ hosts: HOSTS });
  for (const [i, host] of HOSTS.entries()) {
    pigeons.set(
      host.name,
      await startPigeonOn(lan, host.name, {
        nickname: ['小张', 'Bob', 'Charlie'][i] as string,
        group: i === 0 ? '研发部' : 'QA',
        user: 'staff',
        timing: TIMING,
        ...(host.name === 'charlie' ? { dataDir: CHARLIE_DATA } : {}),
      }),
    );
  }
});

afterAll(async () => {
  await lan?.dispose();
  rmSync(CHARLIE_DATA, { recursive: true, force: true });
});

const pigeon = (name: string): PigeonOnHost => pigeons.get(name)!;

const onlinePeers = async (name: string): Promise<PeerDTO[]> =>
  (await pigeon(name).call('getSnapshot')).peers.filter((p) => p.status !== 'offline');

describe('three hosts on one bridge, by broadcast only', () => {
  it('find each other with nickname, group and address within seconds', async () => {
    for (const host of HOSTS) {
      await until(
        async () => (await onlinePeers(host.name)).length === 2,
        5000,
        `${host.name} sees two peers`,
      );
    }
    const seenByBravo = await onlinePeers('bravo');
    expect(seenByBravo.find((p) => p.address === '10.99.0.10')).toMatchObject({
      nickname: '小张',
      group: '研发部',
      id: 'staff@alpha-pc',
      client: 'pigeon',
      port: 2425,
    });
  });

  it('chat both ways, delivered, in Chinese too', async () => {
    const toBravo = (await pigeon('alpha').call('openConversation', { peerId: 'staff@bravo-pc' }))
      .conversationId;
    const [sent] = await pigeon('alpha').call('sendMessage', {
      conversationId: toBravo,
      text: '下午三点开会 📅',
    });
    await until(
      async () =>
        (await pigeon('alpha').call('listMessages', { conversationId: toBravo })).find(
          (m) => m.id === sent!.id && m.state === 'delivered',
        ),
      5000,
      'delivered at alpha',
    );
    const atBravo = await pigeon('bravo').call('listMessages', {
      conversationId: 'staff@alpha-pc',
    });
    expect(atBravo.map((m) => [m.direction, m.text])).toEqual([['in', '下午三点开会 📅']]);

    const [reply] = await pigeon('bravo').call('sendMessage', {
      conversationId: 'staff@alpha-pc',
      text: 'OK, see you',
    });
    await until(
      async () =>
        (await pigeon('bravo').call('listMessages', { conversationId: 'staff@alpha-pc' })).find(
          (m) => m.id === reply!.id && m.state === 'delivered',
        ),
      5000,
      'reply delivered',
    );
    const atAlpha = await pigeon('alpha').call('listMessages', { conversationId: toBravo });
    expect(atAlpha.map((m) => m.text)).toEqual(['下午三点开会 📅', 'OK, see you']);
  });

  it('sees a clean leave at once, and a killed host age out', async () => {
    await pigeon('charlie').quit();
    for (const host of ['alpha', 'bravo']) {
      await until(
        async () => !(await onlinePeers(host)).some((p) => p.id === 'staff@charlie-pc'),
        1500,
        `${host} sees charlie leave`,
      );
    }
    // Charlie returns, then is killed without a word (no BR_EXIT).
    pigeons.set(
      'charlie',
      await startPigeonOn(lan, 'charlie', {
        nickname: 'Charlie',
        group: 'QA',
        user: 'staff',
        timing: TIMING,
        dataDir: CHARLIE_DATA,
      }),
    );
    await until(
      async () => (await onlinePeers('alpha')).some((p) => p.id === 'staff@charlie-pc'),
      5000,
      'charlie back',
    );
    pigeon('charlie').child.kill('SIGKILL');
    const killedAt = Date.now();
    await until(
      async () => !(await onlinePeers('alpha')).some((p) => p.id === 'staff@charlie-pc'),
      8000,
      'charlie aged out',
    );
    // Not before the age-out period: it was the silence, not a message, that did it.
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(TIMING.ageOutMs - 1500);
    const charlie = (await pigeon('alpha').call('getSnapshot')).peers.find(
      (p) => p.id === 'staff@charlie-pc',
    );
    expect(charlie?.status).toBe('offline');
  });

  it('a message to the killed host waits in the outbox and arrives when it returns', async () => {
    const [m] = await pigeon('alpha').call('sendMessage', {
      conversationId: 'staff@charlie-pc',
      text: '回来后看一下',
    });
    expect(m?.state).toBe('queued');
    pigeons.set(
      'charlie',
      await startPigeonOn(lan, 'charlie', {
        nickname: 'Charlie',
        group: 'QA',
        user: 'staff',
        timing: TIMING,
        dataDir: CHARLIE_DATA,
      }),
    );
    await until(
      async () =>
        (await pigeon('alpha').call('listMessages', { conversationId: 'staff@charlie-pc' })).find(
          (x) => x.id === m!.id && x.state === 'delivered',
        ),
      6000,
      'delivered from the outbox',
    );
    const atCharlie = await pigeon('charlie').call('listMessages', {
      conversationId: 'staff@alpha-pc',
    });
    expect(atCharlie.map((x) => x.text)).toEqual(['回来后看一下']);
  });
});
