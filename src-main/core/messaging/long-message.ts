// Sending one stored message whose text needs several datagrams. Toward another Pigeon
// each part carries a marker (message-part.ts) so the receiver shows one message; the
// message counts as delivered once every part is confirmed.
import type { MessageDTO } from '../../../src-shared/contract';
import type { PeerRecord } from '../discovery/peer-directory';
import { MAX_PARTS, PART_TRAILER_BYTES, partTrailer } from '../ipmsg/message-part';
import { orderTrailer } from '../ipmsg/message-order';
import type { DeliveryOutcome, MessageSender } from '../pipeline/message-sender';
import type { MessageOptions } from '../pipeline/outgoing-message';

/** The text's parts toward this peer when it is one message (a Pigeon); one part otherwise. */
export function pigeonParts(sender: MessageSender, peer: PeerRecord, text: string): string[] {
  if (peer.client !== 'pigeon') return [text];
  const room = Buffer.alloc(PART_TRAILER_BYTES);
  return sender.split({ recipient: peer, text, options: { confirm: true }, trailer: room });
}

/**
 * Send a stored message to its peer, in marked parts when it is a Pigeon and the text
 * is longer than one datagram. The first part has the message's own packet number,
 * which also names the group, so a Pigeon that stored it refuses every part again.
 */
export function transmitMessage(
  sender: MessageSender,
  message: MessageDTO,
  peer: PeerRecord,
  packetNo: number,
  outcome: DeliveryOutcome,
  extra: Pick<MessageOptions, 'multicast'> & { after?: number | undefined } = {},
): void {
  const options: MessageOptions = { sealed: message.sealed, multicast: extra.multicast };
  const parts = pigeonParts(sender, peer, message.text);
  if (parts.length < 2 || parts.length > MAX_PARTS) {
    // Sent while an earlier one is unconfirmed: a Pigeon shows it after that one.
    const after = peer.client === 'pigeon' ? extra.after : undefined;
    const trailer = after === undefined ? undefined : orderTrailer(after);
    sender.sendConfirmed(
      { recipient: peer, text: message.text, options, packetNo, ...(trailer ? { trailer } : {}) },
      message.id,
      outcome,
    );
    return;
  }
  const whole = partsOutcome(message.id, parts.length, outcome);
  parts.forEach((text, index) => {
    const trailer = partTrailer({ group: packetNo, index, count: parts.length });
    const number = index === 0 ? packetNo : sender.nextPacketNo();
    sender.sendConfirmed(
      { recipient: peer, text, options, packetNo: number, trailer },
      `${message.id}#${index}`,
      whole,
    );
  });
}

/** One outcome for the message from its parts' outcomes: all confirmed, or the first given up. */
function partsOutcome(messageId: string, count: number, outcome: DeliveryOutcome): DeliveryOutcome {
  const confirmed = new Set<string>();
  let settled = false;
  return {
    delivered: (partId) => {
      if (settled) return;
      confirmed.add(partId);
      if (confirmed.size < count) return;
      settled = true;
      outcome.delivered(messageId);
    },
    unconfirmed: (delivery) => {
      if (settled) return;
      settled = true;
      outcome.unconfirmed({ ...delivery, messageId });
    },
  };
}
