import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGroupNotice } from '../../src-shared/contract/group-notice';
import {
  FEIQ_PEER_ID as FEIQ_ID,
  startPigeonAndFeiq,
  type PigeonAndFeiq,
} from '../lab/pigeon-and-feiq';
import { until } from '../lab/until';

// FeiQ's window shake (0xD1, no extra) both ways against the scripted FeiQ stand-in:
// its shake becomes a line in its chat at Pigeon, and Pigeon's reaches it as 0xD1.
const KNOCK = 0xd1;

let lab: PigeonAndFeiq;

beforeAll(async () => {
  lab = await startPigeonAndFeiq('10.92.0');
});

afterAll(async () => {
  await lab?.stop();
});

describe('window shakes with a FeiQ peer', () => {
  it('shows FeiQ’s shake as a line in its chat, once for a burst', async () => {
    for (let i = 0; i < 3; i += 1) await lab.feiq.sendPacket(lab.pigeonAddress, KNOCK);
    const lines = async () =>
      (await lab.pigeon.call('listMessages', { conversationId: FEIQ_ID })).filter(
        (m) => m.state === 'notice',
      );
    const [line] = await until(
      async () => ((await lines()).length > 0 ? lines() : undefined),
      5000,
      'shake line at Pigeon',
    );
    expect(readGroupNotice(line!.text)).toEqual({ kind: 'shook', by: FEIQ_ID, byName: '王会计' });
    expect(lab.pigeon.events.some((e) => e.type === 'shake' && e.peerId === FEIQ_ID)).toBe(true);
    // The other two of the burst are counted, not shown; none is told as unsupported.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await lines()).toHaveLength(1);
    expect(lab.pigeon.events.some((e) => e.type === 'unsupported')).toBe(false);
  });

  it('sends Pigeon’s shake to FeiQ as 0xD1 with no extra, and refuses a second within 10 s', async () => {
    const { at, nextAt } = await lab.pigeon.call('shake', { peerId: FEIQ_ID });
    expect(nextAt - at).toBe(10_000);
    const knock = await lab.feiq.waitFor(
      (d) => d.address === lab.pigeonAddress && d.packet?.mode === KNOCK,
    );
    expect(knock.packet!.extra.length).toBe(0);
    await expect(lab.pigeon.call('shake', { peerId: FEIQ_ID })).rejects.toThrow(/again in \d+ s/);
  });
});
