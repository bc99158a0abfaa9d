import type { Language, SendKey, Theme } from '../../src-shared/contract';
import type { Identity } from './keys/identity';

/** How a MessengerCore is set up. Everything but the nickname has a sensible default. */
export interface MessengerOptions {
  nickname: string;
  group?: string;
  /** Login name on the wire (IPMsg "User"); defaults to the OS user. */
  user?: string;
  /** Machine name on the wire (IPMsg "Host"); defaults to os.hostname(). */
  host?: string;
  /** UDP and TCP port, 2425 unless set. */
  port?: number;
  /** Address the UDP socket binds to; 0.0.0.0 so broadcasts are heard. */
  bindAddress?: string;
  /**
   * Where Pigeon's RSA key for IP Messenger's encryption is kept (the data folder, file
   * mode 0600); without it a key is made for this run only.
   */
  keyFolder?: string;
  /** Where received files go. */
  downloadDir?: string;
  /**
   * Where pictures sent and received inline are kept, beside history (both sides keep a
   * copy); `images` in the download folder when not set.
   */
  imagesDir?: string;
  /** Where avatar pictures (the user's and peers') are kept; in memory only when not set. */
  avatarsDir?: string;
  /** Extra directed-broadcast addresses to announce to, beyond the interfaces'. */
  broadcastAddresses?: string[];
  /** Explicit hosts (addresses, optionally `addr:port`) to announce to by unicast. */
  hosts?: string[];
  /** Broadcast to 255.255.255.255 and each interface's directed broadcast (default true). */
  broadcast?: boolean;
  /** Codepage for peers that send no UTF-8 (FeiQ, older IP Messenger): GB18030 for Chinese offices. */
  legacyEncoding?: 'gb18030' | 'gbk' | 'cp932' | 'big5';
  /** Datagrams per second (and burst) accepted from one address before the rest are dropped. */
  rateLimit?: { perSecond: number; burst: number };
  /** The same for entries, exits and absence notices alone (default 50 a second, burst 200). */
  presenceLimit?: { perSecond: number; burst: number };
  language?: Language;
  theme?: Theme;
  sendKey?: SendKey;
  timing?: Partial<MessengerTiming>;
  /** This Pigeon's long-term keys (keys/identity-file.ts); a fresh one per run when not given. */
  identity?: Identity;
}

export interface MessengerTiming {
  /** Time between transmissions of an unacknowledged message. */
  retryIntervalMs: number;
  /** Retransmissions after the first send before a message is failed (IPMsg/iptux: 4 in all). */
  maxRetries: number;
  /** Upper bound of the random delay before answering a BR_ENTRY. */
  answerDelayMaxMs: number;
  /** Period of the re-announce (BR_ENTRY to the host list and broadcast). */
  reannounceMs: number;
  /** A peer silent this long is shown offline. */
  ageOutMs: number;
  /** How long a peer's old address has to answer before a claim of its name from elsewhere moves it. */
  claimProbeMs: number;
  /** How long a message to a client offering IP Messenger's encryption waits for its key. */
  keyWaitMs: number;
}

export const defaultTiming: MessengerTiming = {
  retryIntervalMs: 1000,
  maxRetries: 4,
  answerDelayMaxMs: 1000,
  reannounceMs: 300_000,
  ageOutMs: 720_000,
  claimProbeMs: 2500,
  keyWaitMs: 1500,
};
