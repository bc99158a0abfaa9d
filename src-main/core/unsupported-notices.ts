// What a FeiQ or iptux peer sends that Pigeon cannot show yet is never dropped silently:
// the user hears of it once per peer and kind in a while, in that peer's chat, instead of
// it only being counted in the network footer (which counts malformed and flooding).
import type { UnsupportedKind } from '../../src-shared/contract';
import { rememberBounded } from './bounded';
import { peerIdOf, type PeerDirectory } from './discovery/peer-directory';
import { Mode, modeOf } from './ipmsg/commands';
import type { Packet } from './ipmsg/packet';

/** The command modes that reach Pigeon and are told as unsupported, by what they carry. */
export const UNSUPPORTED_MODES: ReadonlyMap<number, UnsupportedKind> = new Map([
  [Mode.FEIQ_IMAGE, 'picture'],
  [Mode.FEIQ_GROUP_ANNOUNCE, 'group-announcement'],
  [Mode.IPTUX_SENDSUBLAYER, 'photo'],
  [Mode.IPTUX_ASKSHARED, 'shared-files'],
]);

/** A burst: the same kind from the same peer within this long is one line. */
const BURST_MS = 60_000;
/** Peers remembered for bursts at most (the directory holds about as many). */
const MAX_REMEMBERED = 4096;

export interface UnsupportedNoticesDeps {
  directory: Pick<PeerDirectory, 'get'>;
  tell: (peerId: string, what: UnsupportedKind, at: number) => void;
  now: () => number;
}

export class UnsupportedNotices {
  /** `peerId kind` → when it was last told. */
  private readonly told = new Map<string, number>();

  constructor(private readonly deps: UnsupportedNoticesDeps) {}

  received(packet: Packet): void {
    const what = UNSUPPORTED_MODES.get(modeOf(packet.command));
    const peerId = peerIdOf(packet.user, packet.host);
    // Only from a peer in the list: a stranger's packet has no chat to say it in.
    if (what === undefined || !this.deps.directory.get(peerId)) return;
    const at = this.deps.now();
    const key = `${peerId} ${what}`;
    const last = this.told.get(key);
    if (last !== undefined && at - last < BURST_MS) return;
    rememberBounded(this.told, key, at, MAX_REMEMBERED);
    this.deps.tell(peerId, what, at);
  }
}
