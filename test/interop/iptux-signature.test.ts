// Personal signatures with the real iptux (Debian 0.8.3): iptux's own (personal_sign in
// its config) reaches Pigeon as IPTUX_SENDSIGN (0xfc) and becomes the contact's
// signature; Pigeon's reaches iptux the same way, read from iptux's DEBUG packet log.
// Being counted iptux-compatible (which makes iptux send its signature) must not change
// how text reads either way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeerDTO } from '../../src-shared/contract';
import type { IptuxPeer } from '../lab/iptux';
import { IPTUX_PEER_ID, startPigeonAndIptux, type PigeonAndIptux } from '../lab/pigeon-and-iptux';
import { iptuxCommandOf, parseIptuxPacketLog } from '../lab/iptux-packets';
import type { PigeonOnHost } from '../lab/pigeon-on-host';
import { waitUntil } from '../lab/proc';

const IPTUX_SENDSIGN = 0xfc;
const IPTUX_SIGNATURE = 'iptux 的签名 ✓';
const PIGEON_SIGNATURE = '鸽子的签名：今天在改构建';
const PIGEON_ADDRESS = '10.98.0.10';

let lab: PigeonAndIptux;
let iptux: IptuxPeer;
let pigeon: PigeonOnHost;

beforeAll(async () => {
  lab = await startPigeonAndIptux('10.98.0', { config: { personal_sign: IPTUX_SIGNATURE } });
  ({ iptux, pigeon } = lab);
});

afterAll(async () => {
  await lab?.stop();
});

const iptuxPeer = (): Promise<PeerDTO | undefined> => lab.iptuxPeer();

describe("iptux's signature (0xfc) both ways", () => {
  it("shows iptux's personal_sign as the contact's signature", async () => {
    const peer = await waitUntil(
      "Pigeon to show iptux's signature",
      async () => {
        const found = await iptuxPeer();
        return found?.signature ? found : undefined;
      },
      15_000,
    );
    expect(peer).toMatchObject({ nickname: 'IptuxBot', signature: IPTUX_SIGNATURE });
    // Supported, so not counted as an unknown command.
    const { stats } = await pigeon.call('getSnapshot');
    expect(stats.dropped.unknownCommand).toBe(0);
  });

  it("sends Pigeon's signature to iptux as iptux does, in UTF-8", async () => {
    await pigeon.call('updateProfile', { signature: PIGEON_SIGNATURE });
    const received = await waitUntil(
      'iptux to receive Pigeon’s 0xfc',
      () =>
        parseIptuxPacketLog(iptux.output()).find(
          (p) =>
            p.direction === 'received' &&
            p.address === PIGEON_ADDRESS &&
            (iptuxCommandOf(p.data) ?? -1) % 256 === IPTUX_SENDSIGN,
        ),
      10_000,
    );
    const extra = received.data.subarray(nthColon(received.data, 5) + 1);
    expect(extra.toString('utf8').replace(/\0+$/, '')).toBe(PIGEON_SIGNATURE);
  });

  it('still reads text exactly both ways', async () => {
    const { conversationId } = await pigeon.call('openConversation', { peerId: IPTUX_PEER_ID });
    const out = '签名之后 ✓ after signatures';
    await pigeon.call('sendMessage', { conversationId, text: out });
    await iptux.waitForEntry((e) => e.direction === 'received' && e.text === out);
    const back = '收到 👍 got it';
    await iptux.typeMessage('Dove', back);
    await waitUntil(
      'iptux’s reply at Pigeon',
      async () =>
        (await pigeon.call('listMessages', { conversationId })).find(
          (m) => m.direction === 'in' && m.text === back,
        ),
      10_000,
    );
  });
});

function nthColon(data: Buffer, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) at = data.indexOf(0x3a, at + 1);
  return at;
}
