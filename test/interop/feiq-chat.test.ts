import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEIQ_FONT_SUFFIX, startFeiqPeer, type FeiqPeer } from '../lab/feiq-peer';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { until } from '../lab/until';

// Pigeon against the scripted FeiQ stand-in (GBK everywhere, `_lbt` version, font
// suffix, typing commands): names decoded right, text both ways in GBK, the suffix
// stripped, typing shown, nothing Pigeon-only sent to it.
const MODE = { SENDMSG: 0x20, TYPING: 0x79 } as const;

let lan: Lan;
let pigeon: PigeonOnHost;
let feiq: FeiqPeer;

beforeAll(async () => {
  lan = await createLan({
    hosts: [
      { name: 'pigeon', address: '10.93.0.10' },
      { name: 'feiq', address: '10.93.0.20' },
    ],
  });
  feiq = await startFeiqPeer(lan, 'feiq', {
    nick: '王会计',
    group: '财务部',
    user: 'wang',
    host: 'FEIQ-PC',
  });
  pigeon = await startPigeonOn(lan, 'pigeon', {
    nickname: '小鸽',
    group: '研发部',
    user: 'dove',
    host: 'dove-pc',
    timing: { answerDelayMaxMs: 100 },
  });
});

afterAll(async () => {
  await feiq?.stop();
  await lan?.dispose();
});

describe('Pigeon and a FeiQ peer', () => {
  it('lists FeiQ with its GBK names, and FeiQ reads Pigeon’s entry as GBK', async () => {
    const peer = await until(
      async () => (await pigeon.call('getSnapshot')).peers.find((p) => p.id === 'wang@FEIQ-PC'),
      5000,
      'FeiQ listed',
    );
    expect(peer).toMatchObject({
      nickname: '王会计',
      group: '财务部',
      client: 'feiq',
      status: 'online',
    });
    const entry = await feiq.waitFor(
      (d) => d.address === '10.93.0.10' && [1, 3].includes(d.packet?.mode ?? -1),
    );
    expect(entry.fields.slice(0, 2)).toEqual(['小鸽', '研发部']);
    // No UTF-8 block toward a client that did not ask for it.
    expect(entry.data.includes(Buffer.from('\nUN:'))).toBe(false);
  });

  it('chats both ways in GBK, stripping the font suffix on receipt', async () => {
    await feiq.sendMessage('10.93.0.10', '月底报销单请今天交');
    const received = await until(
      async () =>
        (await pigeon.call('listMessages', { conversationId: 'wang@FEIQ-PC' })).find(
          (m) => m.direction === 'in',
        ),
      5000,
      'message at Pigeon',
    );
    expect(received.text).toBe('月底报销单请今天交');
    expect(received.text).not.toContain(FEIQ_FONT_SUFFIX);

    const [sent] = await pigeon.call('sendMessage', {
      conversationId: 'wang@FEIQ-PC',
      text: '好的，马上提交',
    });
    const atFeiq = await feiq.waitFor(
      (d) => d.packet?.mode === MODE.SENDMSG && d.address === '10.93.0.10',
    );
    expect(atFeiq.text).toBe('好的，马上提交');
    expect(atFeiq.packet!.extra.subarray(0, 4).equals(Buffer.from([0xba, 0xc3, 0xb5, 0xc4]))).toBe(
      true,
    ); // 好的 in GBK
    await until(
      async () =>
        (await pigeon.call('listMessages', { conversationId: 'wang@FEIQ-PC' })).find(
          (m) => m.id === sent!.id && m.state === 'delivered',
        ),
      5000,
      'delivered to FeiQ',
    );
  });

  it('shows FeiQ typing, and tells FeiQ when Pigeon types', async () => {
    await feiq.sendTyping('10.93.0.10', true);
    await until(
      async () =>
        pigeon.events.some(
          (e) => e.type === 'typing' && e.conversationId === 'wang@FEIQ-PC' && e.typing,
        ),
      3000,
      'typing shown',
    );
    await pigeon.call('setTyping', { conversationId: 'wang@FEIQ-PC', typing: true });
    const typing = await feiq.waitFor(
      (d) => d.packet?.mode === MODE.TYPING && d.address === '10.93.0.10',
    );
    expect(typing.packet!.extra.length).toBe(0);
  });
});
