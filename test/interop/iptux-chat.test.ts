// Pigeon against the real iptux (Debian 0.8.3) on a namespace LAN: each lists the other,
// text goes both ways, and Pigeon's clean quit removes it from iptux. What iptux did is
// read from iptux's own evidence: its DEBUG packet log (the bytes it received and sent),
// its chat log, its chat window (opened from its pal list), and screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDTO, PeerDTO } from '../../src-shared/contract';
import type { MessengerTiming } from '../../src-main/core/options';
import { artifactPath } from '../lab/artifacts';
import { startIptux, type IptuxPeer } from '../lab/iptux';
import { iptuxCommandOf, parseIptuxPacketLog, type IptuxDatagram } from '../lab/iptux-packets';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { waitUntil } from '../lab/proc';
import { findWindow } from '../lab/xvfb';

const IPTUX = { name: 'iptux', address: '10.99.0.20', hostname: 'iptux-pc' };
const PIGEON = { name: 'pigeon', address: '10.99.0.10', hostname: 'pigeon-pc' };
// Pigeons with Chinese names, one per host: iptux remembers a peer's encoding by address.
const PIGEON_ZH = { name: 'pigeon-zh', address: '10.99.0.11', hostname: 'pigeon-zh' };
const PIGEON_ZH_ASCII_GROUP = { name: 'pigeon-zh2', address: '10.99.0.12', hostname: 'pigeon-zh2' };
const IPTUX_ID = 'root@iptux-pc'; // iptux sends the OS login name (root in the lab)
const TIMING: Partial<MessengerTiming> = { answerDelayMaxMs: 200, retryIntervalMs: 500 };

const ANSENTRY = 0x03;
const BR_EXIT = 0x02;
const SENDMSG = 0x20;

let lan: Lan;
let iptux: IptuxPeer;

beforeAll(async () => {
  lan = await createLan({ hosts: [IPTUX, PIGEON, PIGEON_ZH, PIGEON_ZH_ASCII_GROUP] });
  // DEBUG: iptux logs every datagram it receives and sends, byte for byte.
  iptux = await startIptux(lan, 'iptux', { nick: 'IptuxBot', group: 'qa', logLevel: 'DEBUG' });
});

afterAll(async () => {
  await iptux?.stop();
  await lan?.dispose();
});

const packets = (): IptuxDatagram[] => parseIptuxPacketLog(iptux.output());

/** Datagrams iptux sent to `address` with IPMsg mode `mode`. */
const iptuxSent = (address: string, mode: number): IptuxDatagram[] =>
  packets().filter(
    (p) =>
      p.direction === 'sent' &&
      p.address === address &&
      (iptuxCommandOf(p.data) ?? -1) % 256 === mode,
  );

const iptuxPeer = async (pigeon: PigeonOnHost): Promise<PeerDTO | undefined> =>
  (await pigeon.call('getSnapshot')).peers.find((p) => p.id === IPTUX_ID);

const messagesWithIptux = (pigeon: PigeonOnHost): Promise<MessageDTO[]> =>
  pigeon.call('listMessages', { conversationId: IPTUX_ID });

async function screenshot(name: string): Promise<void> {
  await iptux.screenshot(await artifactPath(`iptux-chat-${name}.png`));
}

/** Sends from Pigeon to iptux and waits until iptux acknowledged it (state delivered). */
async function sendToIptux(pigeon: PigeonOnHost, text: string): Promise<void> {
  const { conversationId } = await pigeon.call('openConversation', { peerId: IPTUX_ID });
  const [sent] = await pigeon.call('sendMessage', { conversationId, text });
  await waitUntil(
    `Pigeon's message to be acknowledged by iptux`,
    async () =>
      (await messagesWithIptux(pigeon)).find((m) => m.id === sent?.id && m.state === 'delivered'),
    10_000,
  );
}

describe('Pigeon (ASCII name) and iptux', () => {
  let pigeon: PigeonOnHost;

  beforeAll(async () => {
    // iptux is already up, so Pigeon learns of it from iptux's answer to its BR_ENTRY.
    pigeon = await startPigeonOn(lan, PIGEON.name, {
      nickname: 'Dove',
      group: 'dev',
      user: 'pigeon',
      timing: TIMING,
    });
  });

  afterAll(async () => {
    if (pigeon && pigeon.child.exitCode === null) await pigeon.quit();
  });

  it('Pigeon lists iptux with its nickname and group, as iptux, online (not away)', async () => {
    const peer = await waitUntil('Pigeon to list iptux', () => iptuxPeer(pigeon), 10_000);
    expect(peer).toMatchObject({
      nickname: 'IptuxBot',
      group: 'qa',
      client: 'iptux',
      status: 'online', // iptux sets ABSENCEOPT on every entry; it is not away
      address: IPTUX.address,
      port: 2425,
      user: 'root',
      host: 'iptux-pc',
    });
    expect(peer?.version).toMatch(/^1_iptux /);
  });

  it('iptux lists Pigeon: it answers Pigeon in plain UTF-8 with its own entry', async () => {
    const answers = await waitUntil(
      'iptux to answer Pigeon',
      () => {
        const found = iptuxSent(PIGEON.address, ANSENTRY);
        return found.length > 0 ? found : undefined;
      },
      10_000,
    );
    for (const answer of answers) {
      expect(answer.data.length).toBe(answer.size);
      // If iptux had misjudged Pigeon's encoding, this answer would be transcoded to it.
      expect(answer.data.toString('latin1')).toMatch(
        /^1_iptux [^:]*:\d+:root:iptux-pc:\d+:IptuxBot\0qa\0/,
      );
    }
    await screenshot('pals-with-pigeon');
  });

  it("Pigeon's text, Chinese and emoji, appears in iptux's chat log", async () => {
    const texts = ['下午三点开会 📅 room 3', '第一行\n第二行 ✓'];
    for (const text of texts) await sendToIptux(pigeon, text);
    for (const text of texts) {
      const entry = await iptux.waitForEntry((e) => e.direction === 'received' && e.text === text);
      // The header names Pigeon as iptux lists it.
      expect(entry).toMatchObject({ nick: 'Dove', user: 'pigeon', host: 'pigeon-pc' });
    }
  });

  it("text typed into iptux's window appears in Pigeon's history", async () => {
    const text = `收到，谢谢 👍 ${Date.now() % 100000}`;
    // Opens the chat through iptux's pal list (type-ahead on Pigeon's nickname): this
    // works only if iptux lists Pigeon under that name.
    await iptux.typeMessage('Dove', text);
    const chat = await findWindow(iptux.screen, /^Talk with Dove\(/);
    expect(chat).toBeDefined();
    const got = await waitUntil(
      'the typed text in Pigeon',
      async () =>
        (await messagesWithIptux(pigeon)).find((m) => m.direction === 'in' && m.text === text),
      10_000,
    );
    expect(got.state).toBe('received');
    // iptux sent it as a checked SENDMSG, and Pigeon acknowledged it (no retries shown).
    expect(iptuxSent(PIGEON.address, SENDMSG).length).toBeGreaterThan(0);
    await screenshot('chat-window');
  });

  it("Pigeon's clean quit (BR_EXIT) makes iptux drop it", async () => {
    const before = packets().length;
    const palsDropped = (): number => iptux.output().split('event type 2 is ignored').length;
    const droppedBefore = palsDropped();
    await pigeon.quit();
    // iptux logs the BR_EXIT it received, then its pal list drops Pigeon: the main
    // window's PAL_OFFLINE event (type 2) is raised only for a pal it knew.
    await waitUntil(
      'iptux to receive BR_EXIT from Pigeon',
      () =>
        packets()
          .slice(before)
          .find(
            (p) =>
              p.direction === 'received' &&
              p.address === PIGEON.address &&
              (iptuxCommandOf(p.data) ?? -1) % 256 === BR_EXIT,
          ),
      5000,
    );
    await waitUntil(
      'iptux to take Pigeon off its pal list',
      () => (palsDropped() > droppedBefore ? true : undefined),
      5000,
    );
    await screenshot('pals-after-pigeon-left');
  });
});

// Names in Chinese, as in most offices Pigeon is meant for. iptux reads a peer's whole
// entry in one encoding (UTF-8, else GB18030, else UTF-16) and then speaks that encoding
// to the peer and reads its messages in it.
describe.each([
  { host: PIGEON_ZH, nickname: '小鸽', group: '研发部' },
  { host: PIGEON_ZH_ASCII_GROUP, nickname: '小鸽', group: 'dev' },
])('Pigeon named $nickname in group $group and iptux', ({ host, nickname, group }) => {
  let pigeon: PigeonOnHost;

  beforeAll(async () => {
    pigeon = await startPigeonOn(lan, host.name, {
      nickname,
      group,
      user: 'pigeon',
      timing: TIMING,
    });
  });

  afterAll(async () => {
    if (pigeon && pigeon.child.exitCode === null) await pigeon.quit();
  });

  it('Pigeon lists iptux', async () => {
    const peer = await waitUntil(
      'Pigeon to list iptux',
      async () => (await iptuxPeer(pigeon)) ?? undefined,
      10_000,
    ).catch(async (error: unknown) => {
      const stats = (await pigeon.call('getSnapshot')).stats;
      throw new Error(`${String(error)}; Pigeon's counters: ${JSON.stringify(stats)}`);
    });
    expect(peer).toMatchObject({ nickname: 'IptuxBot', client: 'iptux', status: 'online' });
  });

  it('iptux answers Pigeon in UTF-8 or GB18030, not transcoded to UTF-16', async () => {
    // The first datagram iptux sent to this Pigeon is its answer to Pigeon's BR_ENTRY.
    const answer = await waitUntil(
      'iptux to answer Pigeon',
      () => packets().find((p) => p.direction === 'sent' && p.address === host.address),
      10_000,
    );
    // The pal list shows the name iptux made of Pigeon's entry ("mysterious" if none).
    await screenshot(`pals-${host.name}`);
    const shown = `${answer.data.toString('hex')} (${answer.size} bytes)`;
    expect(answer.data.toString('latin1'), shown).toMatch(/^1_iptux [^:]*:\d+:root:iptux-pc:259:/);
  });

  it("Pigeon's Chinese text arrives intact in iptux's chat log, under Pigeon's name", async () => {
    const text = `你好，iptux 📅 ${host.name}`;
    await sendToIptux(pigeon, text);
    const entry = await waitUntil(
      "the message in iptux's chat log",
      async () =>
        (await iptux.communicateEntries()).find(
          (e) => e.direction === 'received' && e.host === host.hostname,
        ),
      10_000,
    );
    expect(entry).toMatchObject({ nick: nickname, text });
  });
});
