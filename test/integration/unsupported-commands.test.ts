// A FeiQ peer's picture (0xC0) and an iptux shared-files request (0xFF) reach a real core:
// each told once in the peer's chat, none counted as dropped.
import { describe, expect, it } from 'vitest';
import { encodePacket, makeCommand, Mode, Opt } from '../../src-main/core/ipmsg';
import { rawSocket, sendRaw, startCores, waitFor } from './support/cores';

const PORT = 2471;
const PIGEON = '127.0.14.2';
const FEIQ = '127.0.14.3';
const header = { version: '1_lbt6_0#128#000C29D0E0B4#0#0#0#4001#9', user: 'fq', host: 'pc' };

describe('commands Pigeon cannot show yet', () => {
  it('are told once per kind in the peer’s chat, never counted as dropped', async () => {
    const [pigeon] = await startCores([PIGEON], PORT, { hosts: [`${FEIQ}:${PORT}`] });
    const { core, events } = pigeon!;
    const feiq = await rawSocket(FEIQ, PORT);
    let packetNo = 20;
    const send = (command: number, extra: string) =>
      sendRaw(
        feiq.socket,
        encodePacket({ ...header, packetNo: packetNo++, command, extra }),
        PIGEON,
        PORT,
      );
    await send(Mode.ANSENTRY, '飞秋\0Ops\0');
    await waitFor(() => core.snapshot().peers.find((p) => p.id === 'fq@pc'), 3000, 'entry');

    const picture = makeCommand(Mode.FEIQ_IMAGE, Opt.FILEATTACHOPT);
    for (let i = 0; i < 4; i += 1) await send(picture, `AB12CD34${i}`);
    await send(Mode.IPTUX_ASKSHARED, '');
    const told = () =>
      events.filter((e) => e.type === 'unsupported').map((e) => e.type === 'unsupported' && e);
    await waitFor(() => told().length === 2, 3000, 'two lines');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(told()).toMatchObject([
      { peerId: 'fq@pc', what: 'picture' },
      { peerId: 'fq@pc', what: 'shared-files' },
    ]);
    expect(core.stats().dropped.unknownCommand).toBe(0);
  });
});
