// What the Receiving tests share: a Receiving over a store, iptux's bob@pc writing to it
// from one address, the packet numbers it acknowledged and the messages it showed.
import type { MessageDTO, PigeonEvent } from '../../../src-shared/contract';
import { PeerDirectory } from '../../../src-main/core/discovery/peer-directory';
import { Mode } from '../../../src-main/core/ipmsg/commands';
import { MessageAnnouncer } from '../../../src-main/core/message-announcer';
import { Receiving, type ReceivingDeps } from '../../../src-main/core/messaging/receiving';
import { readIncomingMessage } from '../../../src-main/core/pipeline/incoming-message';
import type { PigeonStore } from '../../../src-main/core/store';
import { decoded, testPacketSender } from './packet-sender-helper';

const NOW = 1_700_000_000_000;
const FROM = { address: '10.0.0.5', port: 2425 };

export function receivingHarness(
  store: PigeonStore,
  extra: Partial<ReceivingDeps> = {},
  onAck: (packetNo: number) => void = () => undefined,
) {
  const acks: number[] = [];
  const shown: MessageDTO[] = [];
  const packets = testPacketSender({ version: '1_pigeon', user: 'me', host: 'mine' }, NOW, (b) => {
    const packet = decoded(b);
    if (packet.mode !== Mode.RECVMSG) return;
    const packetNo = Number(packet.extra.toString().replace(/\0.*$/, ''));
    acks.push(packetNo);
    onAck(packetNo);
  });
  const receiving = new Receiving({
    packets,
    directory: new PeerDirectory(),
    history: store.messages,
    conversations: store.conversations,
    announcer: new MessageAnnouncer(
      {
        emit: (event: PigeonEvent) => {
          if (event.type === 'message') shown.push(event.message);
        },
      },
      store.conversations,
    ),
    onPeerSeen: () => undefined,
    now: () => NOW,
    ...extra,
  });
  /** bob@pc's SENDMSG with SENDCHECKOPT, numbered `packetNo` (from iptux unless told). */
  const receive = (packetNo: number, text: string, version = '1_iptux 0.8.3') =>
    receiving.received(
      readIncomingMessage(
        decoded(Buffer.from(`${version}:${packetNo}:bob:pc:${0x20 | 0x100}:${text}\0`)),
        'gb18030',
      ),
      FROM,
    );
  return { receiving, acks, shown, receive };
}
