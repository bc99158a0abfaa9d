// FeiQ's groups: kept by each member, heard on the multicast group 226.81.9.8. A group
// Pigeon has not seen before is named after its id until the user knows better.
import { peerIdOf } from '../discovery/peer-directory';
import { splitText } from '../ipmsg/split-text';
import type { Packet } from '../ipmsg/packet';
import type { Endpoint } from '../net/endpoint';
import type { IncomingMessage } from '../pipeline/incoming-message';
import { buildFeiqGroupPacket, readFeiqGroupMessage } from './feiq-group-message';
import type { GroupBook } from './group-book';
import { feiqGroupId, feiqGroupNumber } from './group-ids';

export interface FeiqGroupsDeps {
  book: GroupBook;
  receive: (message: IncomingMessage, from: Endpoint) => void;
  /** Out to the multicast group on every interface that joined it. */
  multicast: (bytes: Buffer) => Promise<boolean>;
  /** Our MAC (the key of what we send), user and host. */
  identity: () => { mac: string; user: string; host: string };
  nextPacketNo: () => number;
  now: () => number;
}

/** GBK text per datagram: well under 8 KB once sealed, with the mark and the font. */
const TEXT_BUDGET = 6000;
const NO_OPTIONS = {
  confirm: false,
  sealed: false,
  readCheck: false,
  autoReply: false,
  broadcast: true,
};

export class FeiqGroups {
  constructor(private readonly deps: FeiqGroupsDeps) {}

  /** A FeiQ group message: kept in its group (never acknowledged: it went to everyone). */
  received(packet: Packet, from: Endpoint): void {
    const message = readFeiqGroupMessage(packet);
    if (!message) return;
    const author = peerIdOf(packet.user, packet.host);
    const groupId = feiqGroupId(message.groupId);
    this.deps.book.ensure(groupId, 'feiq', message.groupId, author);
    this.deps.receive(
      { packet, text: message.text, legacy: 'gb18030', options: NO_OPTIONS, groupId },
      from,
    );
  }

  /** Our message to a FeiQ group, as FeiQ sends one: sealed with our MAC, multicast. */
  send(groupId: string, text: string): void {
    const number = feiqGroupNumber(groupId);
    if (number === undefined) return;
    const sentAt = Math.floor(this.deps.now() / 1000);
    for (const chunk of splitText(text, TEXT_BUDGET, 'gbk')) {
      const sender = { ...this.deps.identity(), packetNo: this.deps.nextPacketNo() };
      void this.deps.multicast(
        buildFeiqGroupPacket(sender, { groupId: number, text: chunk, sentAt }),
      );
    }
  }
}
