// Pigeon to the real iptux over links that drop 30% of the UDP each host receives and
// send 10% of what they send twice (nftables). iptux confirms but discards a SENDMSG
// whose packet number is not above the last it saw from that address, so a message
// overtaken by a later one would be lost without a word: Pigeon must send in order.
// What iptux received is read from its own chat log. Only this direction: making iptux
// send a thousand messages means typing each into its window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessengerTiming } from '../../src-main/core/options';
import { wholeConversation } from '../lab/conversation-pages';
import { startIptux, type IptuxPeer } from '../lab/iptux';
import { createLan, type Lan } from '../lab/lan';
import { lossyCounts, makeLossy, nftOrExplain } from '../lab/lossy-link';
import { startPigeonOn, untilPeerOnline, type PigeonOnHost } from '../lab/pigeon-on-host';
import { until } from '../lab/until';

const IPTUX = { name: 'iptux', address: '10.95.0.20', hostname: 'iptux-pc' };
const PIGEON = { name: 'pigeon', address: '10.95.0.10', hostname: 'pigeon-pc' };
const IPTUX_ID = 'root@iptux-pc';
const LOSS = { dropPercent: 30, duplicatePercent: 10 };
const MESSAGES = 1000;
const PIPELINE = 50;
// Short retries (the lab's round trip is far under a millisecond, iptux's answer a few),
// and many of them: toward iptux an unconfirmed message ends failed, and 30% loss each
// way fails a try about half the time.
const TIMING: Partial<MessengerTiming> = {
  answerDelayMaxMs: 200,
  retryIntervalMs: 80,
  maxRetries: 20,
  reannounceMs: 1000,
  ageOutMs: 120_000,
};
const DELIVERY_MS = 200_000;

const canRun = nftOrExplain();
let lan: Lan;
let iptux: IptuxPeer;
let pigeon: PigeonOnHost;
const textOf = (n: number): string => `to iptux #${String(n).padStart(4, '0')}`;

beforeAll(async () => {
  if (!canRun) return;
  lan = await createLan({ hosts: [IPTUX, PIGEON] });
  iptux = await startIptux(lan, 'iptux', { nick: 'LossyBot', group: 'qa' });
  for (const host of [IPTUX, PIGEON]) await makeLossy(lan, host.name, LOSS);
  pigeon = await startPigeonOn(lan, PIGEON.name, {
    nickname: 'Dove',
    user: 'pigeon',
    timing: TIMING,
  });
  await untilPeerOnline(pigeon, IPTUX_ID);
}, 120_000);

afterAll(async () => {
  await iptux?.stop();
  await lan?.dispose();
});

describe.skipIf(!canRun)('Pigeon to iptux over a link that drops 30% and duplicates 10%', () => {
  it(
    `${MESSAGES} messages reach iptux exactly once, in the order written`,
    async () => {
      const { conversationId } = await pigeon.call('openConversation', { peerId: IPTUX_ID });
      for (let start = 0; start < MESSAGES; start += PIPELINE) {
        await Promise.all(
          Array.from({ length: Math.min(PIPELINE, MESSAGES - start) }, (_, i) =>
            pigeon.call('sendMessage', { conversationId, text: textOf(start + i) }),
          ),
        );
      }
      const expected = Array.from({ length: MESSAGES }, (_, n) => textOf(n));
      const settled = await until(
        async () => {
          const out = await wholeConversation(pigeon, IPTUX_ID);
          return out.every((m) => m.state === 'delivered' || m.state === 'failed')
            ? out
            : undefined;
        },
        DELIVERY_MS,
        'every message to iptux settled',
        1000,
      );
      expect(settled.filter((m) => m.state !== 'delivered').map((m) => m.text)).toEqual([]);
      expect(settled.map((m) => m.text)).toEqual(expected);
      // iptux's own log: each text once, in the order written.
      const logged = await until(
        async () => {
          const entries = (await iptux.communicateEntries()).filter(
            (e) => e.direction === 'received',
          );
          return entries.length >= MESSAGES ? entries : undefined;
        },
        20_000,
        'iptux logs every message',
      ).catch(async (error: Error) => {
        const count = (await iptux.communicateEntries()).length;
        throw new Error(`${error.message} (${count} logged)`, { cause: error });
      });
      // iptux logs some repeats of a message it already confirmed: a retry Pigeon sent
      // because the confirmation was lost (40 in 1,000 with no duplication at all), or a
      // copy the link made. Pigeon sent each message under one number, in order. So: with
      // iptux's repeats folded, every message once and in order, and no more repeats than
      // the datagrams the link lost on their way to Pigeon or copied toward iptux.
      const texts = logged.map((e) => e.text);
      const folded = texts.filter((text, i) => text !== texts[i - 1]);
      expect(folded).toEqual(expected);
      const atPigeon = await lossyCounts(lan, PIGEON.name);
      expect(texts.length - folded.length).toBeLessThanOrEqual(
        atPigeon.dropped + atPigeon.duplicated,
      );
      for (const host of [IPTUX, PIGEON]) {
        const made = await lossyCounts(lan, host.name);
        expect(made.dropped, `datagrams dropped at ${host.name}`).toBeGreaterThan(100);
        expect(made.duplicated, `datagrams duplicated by ${host.name}`).toBeGreaterThan(50);
      }
    },
    DELIVERY_MS + 60_000,
  );
});
