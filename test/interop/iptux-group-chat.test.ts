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
// code with the BROADCAST option, is what a user can reach. The same fault (its groups
// by name get no id: fixed in iptux 0.8.5, PR #675) makes it drop every 0xfb with GROUP
// unseen. So a newer iptux user of group 'qa' is scripted (raw datagrams as iptux
// writes them): its group message starts Pigeon's "qa" conversation, and Pigeon's answer
// there reaches it as iptux's group packet and the real iptux as a line it shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROADCAST_GROUP_ID } from '../../src-shared/contract';
import type { MessengerTiming } from '../../src-main/core/options';
import { startIptux, type IptuxPeer } from '../lab/iptux';
import { iptuxCommandOf, parseIptuxPacketLog } from '../lab/iptux-packets';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { startUdpProbe, type UdpProbe } from '../lab/udp-probe';
import { waitUntil } from '../lab/proc';
import { waitForWindow } from '../lab/xvfb';

const IPTUX = { name: 'iptux', address: '10.87.0.20', hostname: 'iptux-pc' };
const PIGEON = { name: 'pigeon', address: '10.87.0.10', hostname: 'pigeon-pc' };
const TUX2 = { name: 'tux2', address: '10.87.0.21' };
const IPTUX_ID = 'root@iptux-pc';
const TIMING: Partial<MessengerTiming> = { answerDelayMaxMs: 200, retryIntervalMs: 500 };
const IPTUX_SENDMSG = 0xfb;
const IPTUX_BROADCASTOPT = 0x400;
const IPTUX_GROUPOPT = 0x300;
// Where iptux's toolbar arrow "Go next" sits in its 264×566 main window.
const NEXT_TREE = ['237', '71'];
// The first row of a tree.
const FIRST_ROW = ['80', '109'];

let lan: Lan;
let iptux: IptuxPeer;
let pigeon: PigeonOnHost;
let tux2: UdpProbe;

beforeAll(async () => {
  lan = await createLan({ hosts: [IPTUX, PIGEON, TUX2] });
  iptux = await startIptux(lan, 'iptux', { nick: 'IptuxBot', group: 'qa', logLevel: 'DEBUG' });
  pigeon = await startPigeonOn(lan, PIGEON.name, {
    nickname: 'Dove',
    group: 'qa',
    user: 'pigeon',
    timing: TIMING,
  });
  await waitUntil(
    'Pigeon to see iptux',
    async () =>
      (await pigeon.call('getSnapshot')).peers.find(
        (p) => p.id === IPTUX_ID && p.status !== 'offline',
      ),
    15_000,
  );
});

afterAll(async () => {
  if (pigeon && pigeon.child.exitCode === null) await pigeon.quit();
  await tux2?.stop();
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
    await pause(500); // its entry takes the focus once the window is shown
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

  it("reaches the real iptux from iptux's group 'qa', which it would drop as a group packet", async () => {
    // A newer iptux user of 'qa' (0.8.5 on shows group packets), scripted.
    tux2 = await startUdpProbe(lan, TUX2.name, { port: 2425 });
    const tux = (packetNo: number, command: number, extra: string): Buffer =>
      Buffer.from(`1_iptux 0.9.4:${packetNo}:li:tux2-pc:${command}:${extra}`, 'utf8');
    await tux2.send(PIGEON.address, 2425, tux(1, 0x103, 'Li\0qa\0icon-tux.png\0utf-8\0'));
    await tux2.send(
      PIGEON.address,
      2425,
      tux(2, IPTUX_SENDMSG | IPTUX_GROUPOPT, 'qa meeting at 3\0'),
    );
    const group = await waitUntil(
      "iptux's group 'qa' at Pigeon",
      async () =>
        (await pigeon.call('getSnapshot')).groups?.find(
          (g) => g.kind === 'iptux' && g.name === 'qa',
        ),
      10_000,
    );
    const heard = await pigeon.call('listMessages', { conversationId: group.id });
    expect(heard.find((m) => m.text === 'qa meeting at 3')?.authorId).toBe('li@tux2-pc');

    const answer = 'qa 组：三点见 ✓';
    await pigeon.call('sendMessage', { conversationId: group.id, text: answer });
    // The newer iptux gets iptux's own group packet.
    await tux2.waitFor(
      (d) => Number(d.text.split(':')[4]) === (IPTUX_SENDMSG | IPTUX_GROUPOPT),
      5000,
    );
    // Debian's iptux (0.8.3) files a GROUP packet under a group it cannot find and never
    // shows it: it gets the group's line in its chat with Pigeon instead, and shows it.
    const entry = await iptux.waitForEntry(
      (e) => e.direction === 'received' && e.text === `[qa] Dove: ${answer}`,
    );
    expect(entry.nick).toBe('Dove');
    const received = parseIptuxPacketLog(iptux.output()).filter(
      (p) => p.direction === 'received' && p.address === PIGEON.address,
    );
    expect(received.map((p) => iptuxCommandOf(p.data))).not.toContain(
      IPTUX_SENDMSG | IPTUX_GROUPOPT,
    );
  });
});
