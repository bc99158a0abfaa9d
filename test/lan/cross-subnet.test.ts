import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { until } from '../lab/until';

// Two subnets joined by a router: broadcasts stay on their side, unicast crosses.
// Pigeons meet only once a host is added, and find each other again after a restart
// because each re-probes the peers it remembers.
const TIMING = {
  answerDelayMaxMs: 100,
  retryIntervalMs: 300,
  reannounceMs: 60_000,
  ageOutMs: 600_000,
};
const A = { nickname: 'Anna', user: 'staff', host: 'anna-pc', timing: TIMING };
const B = { nickname: 'Bao', user: 'staff', host: 'bao-pc', timing: TIMING };

let lan: Lan;
const dataA = mkdtempSync(path.join(os.tmpdir(), 'pigeon-subnet-a-'));
const dataB = mkdtempSync(path.join(os.tmpdir(), 'pigeon-subnet-b-'));

beforeAll(async () => {
  lan = await createLan({
    subnets: [
      { name: 'office', cidr: '10.94.1.0/24' },
      { name: 'lab', cidr: '10.94.2.0/24' },
    ],
    hosts: [
      { name: 'anna', address: '10.94.1.10', subnet: 'office' },
      { name: 'bao', address: '10.94.2.10', subnet: 'lab' },
    ],
  });
});
afterAll(async () => {
  await lan?.dispose();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function sees(pigeon: PigeonOnHost, id: string): Promise<boolean> {
  return (await pigeon.call('getSnapshot')).peers.some((p) => p.id === id && p.status === 'online');
}

describe('two subnets joined by a router', () => {
  it('meet after a host is added, and again after both restart', async () => {
    let anna = await startPigeonOn(lan, 'anna', { ...A, dataDir: dataA });
    let bao = await startPigeonOn(lan, 'bao', { ...B, dataDir: dataB });
    await sleep(1500);
    expect(await sees(anna, 'staff@bao-pc')).toBe(false);
    expect(await sees(bao, 'staff@anna-pc')).toBe(false);

    const settings = await anna.call('updateSettings', { hosts: ['10.94.2.10'] });
    expect(settings.hosts).toEqual(['10.94.2.10']);
    await until(() => sees(anna, 'staff@bao-pc'), 5000, 'Anna sees Bao');
    await until(() => sees(bao, 'staff@anna-pc'), 5000, 'Bao sees Anna');
    const [m] = await anna.call('sendMessage', {
      conversationId: 'staff@bao-pc',
      text: '跨网段你好',
    });
    await until(
      async () =>
        (await anna.call('listMessages', { conversationId: 'staff@bao-pc' })).some(
          (x) => x.id === m!.id && x.state === 'delivered',
        ),
      5000,
      'delivered across the router',
    );

    // Both restart without any host list: the peers they remember are asked directly.
    await anna.quit();
    await bao.quit();
    bao = await startPigeonOn(lan, 'bao', { ...B, dataDir: dataB });
    anna = await startPigeonOn(lan, 'anna', { ...A, dataDir: dataA });
    await until(() => sees(anna, 'staff@bao-pc'), 5000, 'Anna finds Bao again');
    await until(() => sees(bao, 'staff@anna-pc'), 5000, 'Bao finds Anna again');
  });
});
