// IP Messenger's broadcast message (SENDMSG with BROADCASTOPT) is a notice to everyone:
// kept, named by its author, in the broadcast conversation, never acknowledged, and
// Pigeon's own notice there goes out the same way.
import { describe, expect, it } from 'vitest';
import {
  decodePacket,
  encodePacket,
  hasOption,
  makeCommand,
  Mode,
  modeOf,
  Opt,
} from '../../src-main/core/ipmsg';
import { rawSocket, sendRaw, startCores, waitFor } from './support/cores';

const PORT = 2469;
const PIGEON = '127.0.12.2';
const IPMSG = '127.0.12.3';
const header = { version: '1', user: 'win', host: 'winbox' };

describe('broadcast notices', () => {
  it('are kept in the broadcast conversation, unanswered, and sent back as IPMsg sends them', async () => {
    const [pigeon] = await startCores([PIGEON], PORT, { hosts: [`${IPMSG}:${PORT}`] });
    const { core } = pigeon!;
    const ipmsg = await rawSocket(IPMSG, PORT);
    await sendRaw(
      ipmsg.socket,
      encodePacket({ ...header, packetNo: 10, command: Mode.ANSENTRY, extra: 'Win\0Ops\0' }),
      PIGEON,
      PORT,
    );
    await waitFor(() => core.snapshot().peers.find((p) => p.id === 'win@winbox'), 3000, 'entry');

    const notice = makeCommand(Mode.SENDMSG, Opt.BROADCASTOPT | Opt.SENDCHECKOPT);
    await sendRaw(
      ipmsg.socket,
      encodePacket({ ...header, packetNo: 11, command: notice, extra: 'Fire drill at 3\0' }),
      PIGEON,
      PORT,
    );
    const kept = await waitFor(
      () => core.listMessages({ conversationId: 'group:broadcast' })[0],
      3000,
      'the notice',
    );
    expect(kept).toMatchObject({
      text: 'Fire drill at 3',
      direction: 'in',
      authorId: 'win@winbox',
    });
    expect(core.listMessages({ conversationId: 'win@winbox' })).toEqual([]);
    expect(core.snapshot().groups?.find((g) => g.id === 'group:broadcast')?.kind).toBe('broadcast');
    // Neither BROADCASTOPT nor AUTORETOPT may be acknowledged.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const modes = ipmsg.received.map((bytes) => decodePacket(bytes)).filter((r) => r.ok);
    expect(modes.some((r) => r.ok && modeOf(r.packet.command) === Mode.RECVMSG)).toBe(false);

    // Our notice: to everyone online, with BROADCASTOPT and no acknowledgement asked.
    core.sendMessage({ conversationId: 'group:broadcast', text: 'Done, thanks' });
    const out = await waitFor(
      () =>
        ipmsg.received
          .map((bytes) => decodePacket(bytes))
          .find((r) => r.ok && modeOf(r.packet.command) === Mode.SENDMSG),
      3000,
      'our notice',
    );
    expect(out.ok && hasOption(out.packet.command, Opt.BROADCASTOPT)).toBe(true);
    expect(out.ok && hasOption(out.packet.command, Opt.SENDCHECKOPT)).toBe(false);
  });
});
