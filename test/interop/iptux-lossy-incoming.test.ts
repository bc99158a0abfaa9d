// The real iptux to Pigeon over links that drop 30% of the UDP each host receives and
// send 10% of what they send twice (nftables): iptux's SENDMSG is lost on its way to
// Pigeon 30% of the time, Pigeon's RECVMSG on its way back 30%. The messages are typed
// into iptux's chat window.
//
// iptux keeps one expected packet number per pal, so a second message typed while the
// first is unconfirmed ends the first one's retries: each message is typed only once
// iptux is done with the previous one (confirmed, or given up after 4 sends). Its retry
// sleep is cut to 50 ms so that a thousand fit in minutes. iptux may give up on a message
// Pigeon never got (all 4 sends lost: 0.3^4, under 1%): that is iptux's limit, not
// Pigeon's. What Pigeon controls is held strictly: every message whose SENDMSG got
// through to Pigeon's socket (recorded after the loss rules) is shown exactly once, in
// the order typed, and nothing else is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessengerTiming } from '../../src-main/core/options';
import { artifactPath } from '../lab/artifacts';
import { wholeConversation } from '../lab/conversation-pages';
import { startIptux, type IptuxPeer } from '../lab/iptux';
import { followIptuxPackets } from '../lab/iptux-packet-stream';
import { IptuxSendLog, iptuxSendSettled, messageTextOf, SENDMSG } from '../lab/iptux-sends';
import { modeOf, splitPacket } from '../lab/ipmsg-raw';
import { createLan, type Lan } from '../lab/lan';
import { lossyCounts, makeLossy, nftOrExplain } from '../lab/lossy-link';
import { startPigeonOn, untilPeerOnline, type PigeonOnHost } from '../lab/pigeon-on-host';
import { recordArrivals, type ArrivalRecorder } from '../lab/udp-arrivals';
import { until } from '../lab/until';

const IPTUX = { name: 'iptux', address: '10.96.0.20', hostname: 'iptux-pc' };
const PIGEON = { name: 'pigeon', address: '10.96.0.10', hostname: 'pigeon-pc' };
const IPTUX_ID = 'root@iptux-pc';
const PIGEON_NICK = 'Dove';
const LOSS = { dropPercent: 30, duplicatePercent: 10 };
// 1,000 by default (as CI runs it); fewer by hand, e.g. PIGEON_IPTUX_LOSSY_MESSAGES=50.
const MESSAGES = Number(process.env.PIGEON_IPTUX_LOSSY_MESSAGES ?? 1000);
const RETRY_MS = 50;
// Pigeon's own re-announce stays at its default (minutes): any entry from Pigeon resets
// iptux's expected packet number and so ends the retries of the message in flight.
const TIMING: Partial<MessengerTiming> = { answerDelayMaxMs: 200 };
// About 0.3 s a message when all goes well, 0.7 s when iptux retries 4 times.
const RUN_MS = 120_000 + MESSAGES * 1000;

const canRun = nftOrExplain();
let lan: Lan;
let iptux: IptuxPeer;
let pigeon: PigeonOnHost;
let chatWindow: string;
let arrivals: ArrivalRecorder;
const sends = new IptuxSendLog(PIGEON.address);
let unfollow = (): void => undefined;
const textOf = (n: number): string => `from iptux #${String(n).padStart(4, '0')}`;

beforeAll(async () => {
  if (!canRun) return;
  lan = await createLan({ hosts: [IPTUX, PIGEON] });
  iptux = await startIptux(lan, 'iptux', {
    nick: 'LossyBot',
    group: 'qa',
    logLevel: 'DEBUG',
    // Return sends (use_enter_key), so one xdotool call types and sends a message.
    config: { send_message_retry_in_us: RETRY_MS * 1000, use_enter_key: true },
  });
  unfollow = followIptuxPackets(iptux, (datagram) => sends.take(datagram));
  pigeon = await startPigeonOn(lan, PIGEON.name, {
    nickname: PIGEON_NICK,
    user: 'pigeon',
    timing: TIMING,
  });
  await untilPeerOnline(pigeon, IPTUX_ID);
  chatWindow = await iptux.openChat(PIGEON_NICK);
  for (const host of [IPTUX, PIGEON]) await makeLossy(lan, host.name, LOSS);
  arrivals = await recordArrivals(lan, PIGEON.name, { from: IPTUX.address });
}, 120_000);

afterAll(async () => {
  unfollow();
  await iptux?.stop();
  await lan?.dispose();
});

const KEYSYMS: Record<string, string> = { ' ': 'space', '#': 'numbersign' };

/**
 * Types `text` ([a-z0-9 #]) into iptux's chat window and sends it, in one xdotool call:
 * keys by name, then Return (Return sends with use_enter_key; `type` would swallow any
 * command after it).
 */
async function type(text: string): Promise<void> {
  const keys = [...text].map((char) => KEYSYMS[char] ?? char);
  await iptux.screen.x('xdotool', [
    'windowfocus',
    '--sync',
    chatWindow,
    'key',
    '--delay',
    '4',
    ...keys,
    'Return',
  ]);
}

describe.skipIf(!canRun)('iptux to Pigeon over a link that drops 30% and duplicates 10%', () => {
  it(
    `${MESSAGES} typed messages: each one that reaches Pigeon shown exactly once, in order`,
    async () => {
      const typed = Array.from({ length: MESSAGES }, (_, n) => textOf(n));
      for (const text of typed) {
        await type(text);
        const send = await until(() => sends.sendOf(text), 10_000, `iptux sends "${text}"`, 10);
        await until(
          () => iptuxSendSettled(send, RETRY_MS),
          10_000,
          `iptux done with "${text}"`,
          10,
        ).catch((error: Error) => {
          throw new Error(`${error.message}: ${JSON.stringify(send)}`, { cause: error });
        });
      }
      // Late copies (the link's duplicates) have a moment to arrive before the count.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      // iptux's chat window, where it notes each message it gave up on ("Your pal didn't…").
      await iptux.screenshot(await artifactPath('iptux-lossy-incoming.png'));
      const arrived = await arrivals.stop();
      // The SENDMSGs that got through to Pigeon's socket, copies included.
      const atSocket = arrived.flatMap(({ data }) => {
        const packet = splitPacket(data.toString('utf8'));
        return packet && modeOf(packet) === SENDMSG ? [messageTextOf(packet.extra)] : [];
      });
      const reachedPigeon = new Set(atSocket);
      const shown = (await wholeConversation(pigeon, IPTUX_ID))
        .filter((m) => m.direction === 'in')
        .map((m) => m.text);

      const all = sends.all();
      const gaveUp = all.filter((s) => !s.confirmed && !s.endedByEntry);
      const cutShort = all.filter((s) => !s.confirmed && s.endedByEntry).length;
      const neverArrived = typed.filter((text) => !reachedPigeon.has(text));
      const retried = all.filter((s) => s.transmissions > 1).length;
      const at = {
        iptux: await lossyCounts(lan, IPTUX.name),
        pigeon: await lossyCounts(lan, PIGEON.name),
      };
      const copies = atSocket.length - reachedPigeon.size;
      process.stdout.write(
        `iptux → Pigeon: ${typed.length} typed, ${reachedPigeon.size} reached Pigeon ` +
          `(${copies} more copies of them: retries and duplicates), ${shown.length} shown; ` +
          `iptux retried ${retried}, gave up on ${gaveUp.length} ` +
          `(${gaveUp.filter((s) => reachedPigeon.has(s.text)).length} of them at Pigeon), ` +
          `had ${cutShort} cut short by an entry; ${neverArrived.length} never arrived; ` +
          `dropped ${at.pigeon.dropped} at Pigeon, ${at.iptux.dropped} at iptux; ` +
          `duplicated ${at.iptux.duplicated} by iptux's host\n`,
      );

      // iptux sent every typed text, each under its own packet number.
      expect(all.map((s) => s.text)).toEqual(typed);
      // Pigeon: each message that reached its socket shown once, in typing order, and
      // nothing that never reached it.
      expect(shown).toEqual(typed.filter((text) => reachedPigeon.has(text)));
      // A RECVMSG came back only for what Pigeon has.
      for (const send of all.filter((s) => s.confirmed)) expect(shown).toContain(send.text);
      // Each message that never reached Pigeon: iptux sent it 4 times, all lost (or an
      // entry from Pigeon ended its retries), and no RECVMSG for it came back.
      for (const text of neverArrived) {
        const send = sends.sendOf(text);
        expect(send?.confirmed, text).toBe(false);
        expect(send?.transmissions === 4 || send?.endedByEntry, text).toBe(true);
      }
      // The link really was lossy and duplicating, and the retries were exercised.
      expect(at.pigeon.dropped).toBeGreaterThan(MESSAGES * 0.2);
      expect(at.iptux.dropped).toBeGreaterThan(MESSAGES * 0.1);
      expect(at.iptux.duplicated).toBeGreaterThan(MESSAGES * 0.03);
      expect(retried).toBeGreaterThan(MESSAGES * 0.2);
      expect(copies).toBeGreaterThan(MESSAGES * 0.1);
      expect(neverArrived.length).toBeLessThan(Math.max(5, MESSAGES * 0.03));
    },
    RUN_MS,
  );
});
