// What iptux did with each message it sent to one peer, from its DEBUG packet log: the
// packet number, how many times it sent it, and whether the peer's RECVMSG for it came
// back. iptux sends a checked SENDMSG, sleeps `send_message_retry_in_us`, and sends it
// again while unconfirmed, at most 4 times (MAX_RETRYTIMES), then tells its user the pal
// did not receive it. Any entry from the pal (BR_ENTRY, ANSENTRY, BR_ABSENCE) resets
// iptux's expected number too, which ends the retries as if the message were confirmed.
import type { IptuxDatagram } from './iptux-packets';
import { modeOf, splitPacket } from './ipmsg-raw';

export const IPTUX_MAX_TRANSMISSIONS = 4;
export const SENDMSG = 0x20;
const RECVMSG = 0x21;
const ENTRIES = new Set([0x01, 0x03, 0x04]);

export interface IptuxMessageSend {
  packetNo: number;
  text: string;
  transmissions: number;
  /** Date.now() when the last transmission was seen in iptux's log. */
  lastSentAt: number;
  /** Whether a RECVMSG naming this packet reached iptux. */
  confirmed: boolean;
  /** Whether an entry from the pal reached iptux while this was unconfirmed (retries end). */
  endedByEntry: boolean;
}

/** The text of a SENDMSG's extra: up to its first NUL. */
export const messageTextOf = (extra: string): string => extra.replace(/\0[\s\S]*$/, '');

export class IptuxSendLog {
  private readonly byPacket = new Map<number, IptuxMessageSend>();
  private readonly byText = new Map<string, IptuxMessageSend>();
  private latest: IptuxMessageSend | undefined;

  constructor(private readonly peerAddress: string) {}

  /** Takes one datagram from iptux's log (anything not between iptux and the peer is ignored). */
  take(datagram: IptuxDatagram): void {
    if (datagram.address !== this.peerAddress) return;
    const packet = splitPacket(datagram.data.toString('utf8'));
    if (!packet || !/^\d+$/.test(packet.packetNo)) return;
    const packetNo = Number(packet.packetNo);
    const mode = modeOf(packet);
    if (datagram.direction === 'sent' && mode === SENDMSG) {
      const known = this.byPacket.get(packetNo);
      if (known) {
        known.transmissions += 1;
        known.lastSentAt = Date.now();
        return;
      }
      const send: IptuxMessageSend = {
        packetNo,
        text: messageTextOf(packet.extra),
        transmissions: 1,
        lastSentAt: Date.now(),
        confirmed: false,
        endedByEntry: false,
      };
      this.byPacket.set(send.packetNo, send);
      this.byText.set(send.text, send);
      this.latest = send;
    } else if (datagram.direction === 'received' && ENTRIES.has(mode)) {
      const latest = this.latest;
      if (latest && !latest.confirmed && latest.transmissions < IPTUX_MAX_TRANSMISSIONS) {
        latest.endedByEntry = true;
      }
    } else if (datagram.direction === 'received' && mode === RECVMSG) {
      const send = this.byPacket.get(Number(messageTextOf(packet.extra)));
      if (send) send.confirmed = true;
    }
  }

  /** The message iptux sent with this text, once it appears in the log. */
  sendOf(text: string): IptuxMessageSend | undefined {
    return this.byText.get(text);
  }

  all(): IptuxMessageSend[] {
    return [...this.byPacket.values()];
  }
}

/**
 * True once iptux is done with `send`: confirmed, its retries ended by an entry from the
 * pal, or sent 4 times and the last sleep
 * (`retryMs`, plus `slackMs` for the log to reach us) is over, so iptux has given up.
 */
export function iptuxSendSettled(send: IptuxMessageSend, retryMs: number, slackMs = 300): boolean {
  if (send.confirmed || send.endedByEntry) return true;
  return (
    send.transmissions >= IPTUX_MAX_TRANSMISSIONS &&
    Date.now() - send.lastSentAt > retryMs + slackMs
  );
}
