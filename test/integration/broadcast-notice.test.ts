import { describe, expect, it } from 'vitest';
import { BROADCAST_GROUP_ID, ContractError } from '../../src-shared/contract';
import { decodePacket, hasOption, Mode, modeOf, Opt } from '../../src-main/core/ipmsg';
import { ipmsgStandIn, isPresent, startCores, waitFor, type TestCore } from './support/cores';

// A broadcast notice started from the main window: before anyone sent one, "Everyone
// (broadcast)" did not exist and nothing could start it. A Pigeon keeps it in its own
// "Everyone (broadcast)" naming the author; IP Messenger gets its own broadcast message.
const PORT = 2477;
const IPMSG_ADDRESS = '127.0.0.24';

describe('a broadcast notice to everyone online', () => {
  it('starts "Everyone (broadcast)" and reaches a Pigeon and IP Messenger', async () => {
    const cores = await startCores(['127.0.0.22', '127.0.0.23'], PORT);
    const [a, b] = cores as [TestCore, TestCore];
    await waitFor(() => isPresent(a, 'user2@host2'), 5000, 'B at A');
    const ipmsg = await ipmsgStandIn(IPMSG_ADDRESS, PORT, a);
    try {
      const heard = ipmsg.received;
      expect(a.core.snapshot().groups?.some((g) => g.id === BROADCAST_GROUP_ID)).toBe(false);

      const [notice] = a.core.sendBroadcast({ text: '今晚八点停电' });
      expect(notice).toMatchObject({ conversationId: BROADCAST_GROUP_ID, state: 'delivered' });
      expect(a.core.snapshot().groups?.some((g) => g.id === BROADCAST_GROUP_ID)).toBe(true);

      await waitFor(
        () =>
          b.core
            .listMessages({ conversationId: BROADCAST_GROUP_ID })
            .some((m) => m.text === '今晚八点停电' && m.authorId === 'user1@host1'),
        3000,
        'the notice in B’s Everyone (broadcast)',
      );
      await waitFor(
        () =>
          heard.some((bytes) => {
            const result = decodePacket(bytes);
            return (
              result.ok &&
              modeOf(result.packet.command) === Mode.SENDMSG &&
              hasOption(result.packet.command, Opt.BROADCASTOPT)
            );
          }),
        3000,
        'IP Messenger’s broadcast message',
      );
      // The notice is not a private word: nothing in B's chat with A.
      const direct = b.core.listMessages({ conversationId: 'user1@host1' });
      expect(direct.some((m) => m.text === '今晚八点停电')).toBe(false);
      expect(() => a.core.sendBroadcast({ text: '   ' })).toThrow(ContractError);
    } finally {
      ipmsg.socket.close();
    }
  });
});
