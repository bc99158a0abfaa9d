// iptux's own group chat with the real iptux (Debian 0.8.3), driven through its window:
// its group dialog sends IPTUX_SENDMSG (0xfb) with the group's kind in the option bits to
// every pal it counts iptux-compatible (Pigeon, whose names are ASCII), and iptux files
// what it gets under the sender's group of that kind. Pigeon keeps iptux's broadcast in
// "Everyone (broadcast)" with its author, and what Pigeon writes there reaches iptux as
// iptux's own broadcast would.
//
// iptux's main window switches between its regular, segment, group and broadcast trees
// with the arrows of its toolbar. Its "group" tree (pals by belong_group) shows no row
// at all in this build, even when iptux alone is online (its screenshots), so its group
// dialog cannot be opened from the window: the broadcast dialog, the same DialogGroup
// code with the BROADCAST option, is what a user can reach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROADCAST_GROUP_ID } from '../../src-shared/contract';
import type { MessengerTiming } from '../../src-main/core/options';
import { startIptux, type IptuxPeer } from '../lab/iptux';
import { iptuxCommandOf, parseIptuxPacketLog } from '../lab/iptux-packets';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { waitUntil } from '../lab/proc';
import { waitForWindow } from '../lab/xvfb';

const IPTUX = { name: 'iptux', address: '10.87.0.20', hostname: 'iptux-pc' };
const PIGEON = { name: 'pigeon', address: '10.87.0.10', hostname: 'pigeon-pc' };
const IPTUX_ID = 'root@iptux-pc';
const TIMING: Partial<MessengerTiming> = { answerDelayMaxMs: 200, retryIntervalMs: 500 };
const IPTUX_SENDMSG = 0xfb;
const IPTUX_BROADCASTOPT = 0x400;
// Where iptux's toolbar arrow "Go next" sits in its 264×566 main window.
const NEXT_TREE = ['237', '71'];
// The first row of a tree.
const FIRST_ROW = ['80', '109'];

let lan: Lan;
let iptux: IptuxPeer;
let pigeon: PigeonOnHost;

beforeAll(async () => {
  lan = await createLan({ hosts: [IPTUX, PIGEON] });
  iptux = await startIptux(lan, 'iptux', { nick: 'IptuxBot', group: 'qa', logLevel: 'DEBUG' });
  pigeon = await startPigeonOn(lan, PIGEON.name, {
    nickname: 'Dove',
    group: 'qa',
    user: 'pigeon',
    timing: TIMING,
  });
  await waitUntil(
    'Pigeon and iptux to see each other',
    async () =>
      (await pigeon.call('getSnapshot')).peers.find(
        (p) => p.id === IPTUX_ID && p.status !== 'offline',
      ),
    15_000,
  );
});

afterAll(async () => {
  if (pigeon && pigeon.child.exitCode === null) await pigeon.quit();
  await iptux?.stop();
  await lan?.dispose();
});

const xdotool = (...args: string[]) => iptux.screen.x('xdotool', args);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens iptux's broadcast dialog the way a user does: three trees on, then the row. */
async function openIptuxBroadcastDialog(): Promise<string> {
  const main = await waitForWindow(iptux.screen, /^Iptux$/);
  for (let tree = 0; tree < 3; tree++) {
    await xdotool('mousemove', '--window', main, ...NEXT_TREE, 'click', '1');
    await pause(400);
  }
  await xdotool('mousemove', '--window', main, ...FIRST_ROW, 'click', '--repeat', '2', '1');
  return waitForWindow(iptux.screen, /^Talk with the group /, 10_000);
}

describe("iptux's group dialog both ways", () => {
  const fromIptux = 'iptux 群聊 to everyone ✓';
  const fromPigeon = '鸽子回复 everyone ✓';

  it("shows iptux's group message in the group conversation with its author", async () => {
    const dialog = await openIptuxBroadcastDialog();
    await xdotool('windowfocus', '--sync', dialog);
    await xdotool('type', '--delay', '120', fromIptux);
    await xdotool('key', 'ctrl+Return');
    const shown = await waitUntil(
      "iptux's group message at Pigeon",
      async () =>
        (await pigeon.call('listMessages', { conversationId: BROADCAST_GROUP_ID })).find(
          (m) => m.direction === 'in' && m.text === fromIptux,
        ),
      10_000,
    );
    expect(shown.authorId).toBe(IPTUX_ID);
    // It came as iptux's group packet, not a one-to-one message.
    const sent = parseIptuxPacketLog(iptux.output()).filter(
      (p) => p.direction === 'sent' && p.address === PIGEON.address,
    );
    expect(sent.map((p) => iptuxCommandOf(p.data))).toContain(IPTUX_SENDMSG | IPTUX_BROADCASTOPT);
    const { groups } = await pigeon.call('getSnapshot');
    expect(groups?.find((g) => g.id === BROADCAST_GROUP_ID)?.members).toContain(IPTUX_ID);
    // Nothing of it in iptux's one-to-one chat with Pigeon.
    const { conversationId } = await pigeon.call('openConversation', { peerId: IPTUX_ID });
    const direct = await pigeon.call('listMessages', { conversationId });
    expect(direct.some((m) => m.text === fromIptux)).toBe(false);
  });

  it('sends to that group as iptux does, and iptux shows it', async () => {
    await pigeon.call('sendMessage', { conversationId: BROADCAST_GROUP_ID, text: fromPigeon });
    const entry = await iptux.waitForEntry(
      (e) => e.direction === 'received' && e.text === fromPigeon,
    );
    expect(entry.nick).toBe('Dove');
    const received = parseIptuxPacketLog(iptux.output()).filter(
      (p) => p.direction === 'received' && p.address === PIGEON.address,
    );
    const commands = received.map((p) => iptuxCommandOf(p.data));
    expect(commands).toContain(IPTUX_SENDMSG | IPTUX_BROADCASTOPT);
  });
});
