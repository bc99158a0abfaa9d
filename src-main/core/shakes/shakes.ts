// FeiQ's window shake (0xD1, no extra), both ways. A shake is loud, so each way is
// rate-limited per peer: we send at most one per SHAKE_EVERY_MS, and of the shakes a
// peer sends within that long only the first is shown (the rest are counted).
import { randomUUID } from 'node:crypto';
import type { MessageDTO, PigeonEvent } from '../../../src-shared/contract';
import { ContractError } from '../../../src-shared/contract/errors';
import { groupNoticeText } from '../../../src-shared/contract/group-notice';
import { rememberBounded } from '../bounded';
import type { PeerDirectory, PeerRecord } from '../discovery/peer-directory';
import { peerIdOf } from '../discovery/peer-directory';
import { Mode } from '../ipmsg/commands';
import type { Packet } from '../ipmsg/packet';
import type { Endpoint } from '../net/endpoint';
import type { MessageDetails } from '../store/messages-repo';

/** One shake per peer in this long, each way. */
export const SHAKE_EVERY_MS = 10_000;
/** Peers remembered for the limits at most (the directory holds about as many). */
const MAX_REMEMBERED = 4096;

export interface ShakesDeps {
  packets: { send(command: number, extra: string, to: Endpoint): Promise<unknown> };
  directory: Pick<PeerDirectory, 'get' | 'findByAddress'>;
  history: { add(message: MessageDTO, details?: MessageDetails): void };
  announcer: { announce(message: MessageDTO, isNew: boolean): void };
  emit: (event: PigeonEvent) => void;
  now: () => number;
}

/** A bounded map of peer → when it last shook (or was shaken). */
class LastShake {
  private readonly at = new Map<string, number>();

  /** True, and remembered, when `peerId`'s last shake is at least SHAKE_EVERY_MS old. */
  allow(peerId: string, now: number): boolean {
    const last = this.at.get(peerId);
    if (last !== undefined && now - last < SHAKE_EVERY_MS) return false;
    rememberBounded(this.at, peerId, now, MAX_REMEMBERED);
    return true;
  }

  /** When `peerId` may shake again (now if it may). */
  nextAt(peerId: string, now: number): number {
    const last = this.at.get(peerId);
    return last === undefined ? now : Math.max(now, last + SHAKE_EVERY_MS);
  }
}

export class Shakes {
  private readonly sent = new LastShake();
  private readonly shown = new LastShake();
  /** Shakes received within the limit and not shown. */
  private suppressedCount = 0;

  constructor(private readonly deps: ShakesDeps) {}

  get suppressed(): number {
    return this.suppressedCount;
  }

  /** Shake `peerId`'s window; refused while the last shake to it is under 10 s old. */
  send(peerId: string): { at: number; nextAt: number } {
    const peer = this.deps.directory.get(peerId);
    if (!peer || peer.status === 'offline')
      throw new ContractError('failed', 'This contact is offline: it cannot be shaken now.');
    // IP Messenger and iptux would only log an unknown command.
    if (peer.client !== 'feiq' && peer.client !== 'pigeon')
      throw new ContractError('failed', 'Only FeiQ and Pigeon show a window shake.');
    const now = this.deps.now();
    if (!this.sent.allow(peer.id, now)) {
      const seconds = Math.ceil((this.sent.nextAt(peer.id, now) - now) / 1000);
      throw new ContractError(
        'failed',
        `You shook this window a moment ago: you can shake it again in ${seconds} s.`,
      );
    }
    void this.deps.packets.send(Mode.KNOCK, '', peer);
    return { at: now, nextAt: now + SHAKE_EVERY_MS };
  }

  /** A peer shook us: a line in its chat, and open windows shake. Strangers are ignored. */
  received(packet: Packet, from: Endpoint): void {
    const peer =
      this.deps.directory.get(peerIdOf(packet.user, packet.host)) ??
      this.deps.directory.findByAddress(from.address, from.port);
    if (!peer) return;
    const at = this.deps.now();
    if (!this.shown.allow(peer.id, at)) {
      this.suppressedCount += 1;
      return;
    }
    this.note(peer, at);
    this.deps.emit({ type: 'shake', peerId: peer.id, at });
  }

  /** Kept as a notice line, so it survives a reload and each window words it itself. */
  private note(peer: PeerRecord, at: number): void {
    const message: MessageDTO = {
      id: randomUUID(),
      conversationId: peer.id,
      direction: 'in',
      text: groupNoticeText({ kind: 'shook', by: peer.id, byName: peer.nickname || peer.id }),
      state: 'notice',
      at,
      authorId: peer.id,
    };
    this.deps.history.add(message, { peerId: peer.id });
    this.deps.announcer.announce(message, true);
  }
}
