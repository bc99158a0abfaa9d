import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gbk, startFeiqPeer, type FeiqPeer } from '../lab/feiq-peer';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { until } from '../lab/until';

// Sealed messages with the scripted FeiQ stand-in, which seals and opens them as
// IP Messenger does: SENDMSG with SECRETOPT|READCHECKOPT, and on opening READMSG
// (extra: the message's packet number) with READCHECKOPT, answered by ANSREADMSG.
const MODE = { SENDMSG: 0x20, READMSG: 0x30, ANSREADMSG: 0x32 } as const;
const SENDCHECKOPT = 0x100;
const SECRETOPT = 0x200;
const READCHECKOPT = 0x100000;
const PIGEON = '10.96.0.10';

let lan: Lan;
let pigeon: PigeonOnHost;
let feiq: FeiqPeer;

beforeAll(async () => {
  lan = await createLan({
    hosts: [
      { name: 'pigeon', address: PIGEON },
      { name: 'feiq', address: '10.96.0.20' },
    ],
  });
  feiq = await startFeiqPeer(lan, 'feiq', { nick: '王会计', user: 'wang', host: 'FEIQ-PC' });
  pigeon = await startPigeonOn(lan, 'pigeon', {
    nickname: '小鸽',
    user: 'dove',
    host: 'dove-pc',
    timing: { answerDelayMaxMs: 100 },
  });
  await until(
    async () => (await pigeon.call('getSnapshot')).peers.find((p) => p.id === 'wang@FEIQ-PC'),
    5000,
    'FeiQ listed',
  );
});

afterAll(async () => {
  await feiq?.stop();
  await lan?.dispose();
});

describe('sealed messages with FeiQ', () => {
  it('FeiQ receives ours sealed; when it opens it, Pigeon shows it read and confirms', async () => {
    const [sent] = await pigeon.call('sendMessage', {
      conversationId: 'wang@FEIQ-PC',
      text: '工资单，请拆封',
      sealed: true,
    });
    const atFeiq = await feiq.waitFor(
      (d) => d.packet?.mode === MODE.SENDMSG && d.address === PIGEON,
    );
    const command = atFeiq.packet!.command;
    expect(command & (SENDCHECKOPT | SECRETOPT | READCHECKOPT)).toBe(
      SENDCHECKOPT | SECRETOPT | READCHECKOPT,
    );
    expect(atFeiq.text).toBe('工资单，请拆封');

    const readNo = await feiq.sendPacket(
      PIGEON,
      MODE.READMSG | READCHECKOPT,
      Buffer.from(`${atFeiq.packet!.packetNo}\0`, 'latin1'),
    );
    const answer = await feiq.waitFor(
      (d) => d.packet?.mode === MODE.ANSREADMSG && d.address === PIGEON,
    );
    expect(answer.text).toBe(String(readNo));
    const read = await until(
      async () =>
        (await pigeon.call('listMessages', { conversationId: 'wang@FEIQ-PC' })).find(
          (m) => m.id === sent!.id && m.readAt !== undefined,
        ),
      5000,
      'read at Pigeon',
    );
    expect(read.sealed).toBe(true);
  });

  it('a sealed message from FeiQ opens at Pigeon, and FeiQ hears READMSG until it answers', async () => {
    const sealedNo = await feiq.sendPacket(
      PIGEON,
      MODE.SENDMSG | SENDCHECKOPT | SECRETOPT | READCHECKOPT,
      Buffer.concat([gbk('密码是 2468'), Buffer.from([0])]),
    );
    const arrived = await until(
      async () =>
        (await pigeon.call('listMessages', { conversationId: 'wang@FEIQ-PC' })).find(
          (m) => m.direction === 'in' && m.sealed,
        ),
      5000,
      'sealed message at Pigeon',
    );
    expect(arrived.text).toBe('');
    const opened = await pigeon.call('openSealed', { messageId: arrived.id });
    expect(opened.text).toBe('密码是 2468');

    const reads = () =>
      feiq.received.filter((d) => d.packet?.mode === MODE.READMSG && d.address === PIGEON);
    await until(async () => reads().length >= 2 || undefined, 5000, 'READMSG repeated');
    const first = reads()[0]!;
    expect(first.packet!.command).toBe(MODE.READMSG | READCHECKOPT);
    expect(first.text).toBe(String(sealedNo));
    await feiq.sendPacket(
      PIGEON,
      MODE.ANSREADMSG,
      Buffer.from(`${first.packet!.packetNo}\0`, 'latin1'),
    );
    await new Promise((r) => setTimeout(r, 300));
    const count = reads().length;
    await new Promise((r) => setTimeout(r, 2000));
    expect(reads()).toHaveLength(count);
  });
});
