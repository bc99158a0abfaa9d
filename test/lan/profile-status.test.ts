import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeerDTO } from '../../src-shared/contract';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { until } from '../lab/until';

// Signature and status between three hosts on one bridge, by broadcast only. Invisible:
// a host Ann is not talking with stops seeing her, while Bob, who is, chats on.
const HOSTS = [
  { name: 'ann', address: '10.97.0.10', hostname: 'ann-pc' },
  { name: 'bob', address: '10.97.0.11', hostname: 'bob-pc' },
  { name: 'cat', address: '10.97.0.12', hostname: 'cat-pc' },
];
const TIMING = {
  answerDelayMaxMs: 200,
  retryIntervalMs: 500,
  maxRetries: 4,
  reannounceMs: 1000,
  ageOutMs: 3000,
};

let lan: Lan;
const pigeons = new Map<string, PigeonOnHost>();

beforeAll(async () => {
  lan = await createLan({ hosts: HOSTS });
  for (const [name, nickname] of [
    ['ann', 'Ann'],
    ['bob', 'Bob'],
    ['cat', 'Cat'],
  ] as const) {
    pigeons.set(name, await startPigeonOn(lan, name, { nickname, user: 'staff', timing: TIMING }));
  }
});

afterAll(async () => {
  await lan?.dispose();
});

const pigeon = (name: string): PigeonOnHost => pigeons.get(name)!;
const ANN = 'staff@ann-pc';
const BOB = 'staff@bob-pc';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function annAsSeenBy(name: string): Promise<PeerDTO | undefined> {
  return (await pigeon(name).call('getSnapshot')).peers.find((p) => p.id === ANN);
}

async function delivered(from: string, conversationId: string, text: string): Promise<void> {
  const [sent] = await pigeon(from).call('sendMessage', { conversationId, text });
  await until(
    async () =>
      (await pigeon(from).call('listMessages', { conversationId })).some(
        (m) => m.id === sent!.id && m.state === 'delivered',
      ),
    5000,
    `${from}'s "${text}" delivered`,
  );
}

describe('signature and status on a LAN', () => {
  it('shows Ann busy with her signature to both peers', async () => {
    for (const name of ['bob', 'cat']) {
      await until(
        async () => (await annAsSeenBy(name))?.status === 'online',
        5000,
        `${name} sees Ann`,
      );
    }
    await pigeon('ann').call('updateProfile', { status: 'busy', signature: '在改构建，有事留言' });
    for (const name of ['bob', 'cat']) {
      await until(
        async () => {
          const ann = await annAsSeenBy(name);
          return ann?.status === 'busy' && ann.signature === '在改构建，有事留言';
        },
        5000,
        `${name} sees Ann busy with her signature`,
      );
    }
    // The re-announce broadcast (no UTF-8 block) keeps both, and the name stays bare.
    await sleep(1500);
    expect(await annAsSeenBy('cat')).toMatchObject({
      nickname: 'Ann',
      status: 'busy',
      signature: '在改构建，有事留言',
    });
  });

  it('invisible: Cat stops seeing Ann, Bob (in a conversation with her) chats on', async () => {
    await pigeon('ann').call('openConversation', { peerId: BOB });
    await pigeon('ann').call('updateProfile', { status: 'invisible' });
    await until(
      async () => (await annAsSeenBy('cat'))?.status === 'offline',
      5000,
      'Ann gone at Cat',
    );
    // Several re-announce rounds and an age-out period later: still unseen by Cat.
    await sleep(TIMING.ageOutMs + 1000);
    expect((await annAsSeenBy('cat'))?.status).toBe('offline');
    expect((await annAsSeenBy('bob'))?.status).toBe('online');

    await delivered('bob', ANN, '还在吗？');
    await delivered('ann', BOB, '在，隐身中');
    expect((await annAsSeenBy('cat'))?.status).toBe('offline');
  });

  it('back online: Cat sees Ann again at once', async () => {
    await pigeon('ann').call('updateProfile', { status: 'online' });
    await until(
      async () => (await annAsSeenBy('cat'))?.status === 'online',
      3000,
      'Ann back at Cat',
    );
  });
});
