import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDTO } from '../../src-shared/contract';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { until } from '../lab/until';

// A sender streams 2,000 messages while the receiver is killed with SIGKILL ten times
// and restarted on the same history file. Afterwards the receiver holds every message
// exactly once: what was acknowledged was kept before the acknowledgement went out,
// and the rest came from the sender's outbox with the same packet numbers.
const TOTAL = 2000;
const KILLS = 10;
const TIMING = {
  answerDelayMaxMs: 50,
  retryIntervalMs: 300,
  maxRetries: 4,
  reannounceMs: 60_000,
  ageOutMs: 600_000,
};
const SENDER = { nickname: 'Sender', user: 'staff', host: 'tx', timing: TIMING };
const RECEIVER = { nickname: 'Receiver', user: 'staff', host: 'rx', timing: TIMING };

let lan: Lan;
let sender: PigeonOnHost;
let receiver: PigeonOnHost;
const receiverData = mkdtempSync(path.join(os.tmpdir(), 'pigeon-crash-rx-'));
const senderData = mkdtempSync(path.join(os.tmpdir(), 'pigeon-crash-tx-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  lan = await createLan({
    hosts: [
      { name: 'tx', address: '10.96.0.10' },
      { name: 'rx', address: '10.96.0.11' },
    ],
  });
  receiver = await startPigeonOn(lan, 'rx', { ...RECEIVER, dataDir: receiverData });
  sender = await startPigeonOn(lan, 'tx', { ...SENDER, dataDir: senderData });
});

afterAll(async () => {
  await lan?.dispose();
});

/** Every message of a conversation, a page at a time (never the whole table at once). */
async function everything(pigeon: PigeonOnHost, conversationId: string): Promise<MessageDTO[]> {
  const all: MessageDTO[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await pigeon.call('listMessages', { conversationId, before, limit: 500 });
    all.unshift(...page);
    if (page.length < 500) return all;
    before = page[0]!.id;
  }
}

describe('a receiver killed ten times while 2,000 messages stream in', () => {
  it('ends with every message exactly once, none lost', async () => {
    await until(
      async () =>
        (await sender.call('getSnapshot')).peers.some(
          (p) => p.id === 'staff@rx' && p.status === 'online',
        ),
      5000,
      'sender sees receiver',
    );
    const conversationId = (await sender.call('openConversation', { peerId: 'staff@rx' }))
      .conversationId;
    const acknowledgedBeforeKill: string[][] = [];

    const streaming = (async () => {
      for (let i = 0; i < TOTAL; i += 20) {
        for (let j = i; j < Math.min(TOTAL, i + 20); j++) {
          await sender.call('sendMessage', {
            conversationId,
            text: `message ${String(j).padStart(4, '0')}`,
          });
        }
        await sleep(120);
      }
    })();
    const killing = (async () => {
      for (let k = 0; k < KILLS; k++) {
        await sleep(500 + ((k * 137) % 400));
        const delivered = (await everything(sender, conversationId)).filter(
          (m) => m.state === 'delivered',
        );
        acknowledgedBeforeKill.push(delivered.map((m) => m.text));
        receiver.child.kill('SIGKILL');
        await new Promise((r) => receiver.child.once('exit', r));
        await sleep(200);
        receiver = await startPigeonOn(lan, 'rx', { ...RECEIVER, dataDir: receiverData });
      }
    })();
    await Promise.all([streaming, killing]);

    const sent = await until(
      async () => {
        const all = await everything(sender, conversationId);
        return all.length === TOTAL && all.every((m) => m.state === 'delivered') && all;
      },
      90_000,
      'every message delivered',
    );
    expect(sent).toHaveLength(TOTAL);

    const received = (await everything(receiver, 'staff@tx')).map((m) => m.text);
    const expected = Array.from(
      { length: TOTAL },
      (_, j) => `message ${String(j).padStart(4, '0')}`,
    );
    expect(received).toHaveLength(TOTAL); // none twice
    expect(new Set(received)).toEqual(new Set(expected)); // none lost
    for (const acknowledged of acknowledgedBeforeKill) {
      // What the sender saw acknowledged before a kill survived that kill.
      expect(acknowledged.every((text) => received.includes(text))).toBe(true);
    }
    expect(acknowledgedBeforeKill.some((list) => list.length > 0)).toBe(true);
    // The kills landed while messages were still streaming, not after.
    expect(acknowledgedBeforeKill.every((list) => list.length < TOTAL)).toBe(true);
    console.log(
      `acknowledged before each kill: ${acknowledgedBeforeKill.map((l) => l.length).join(', ')}`,
    );
  });
});
