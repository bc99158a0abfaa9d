import type {
  UnsupportedKind,
  ConversationDTO,
  GroupDTO,
  MessageDTO,
  NetworkSettingsDTO,
  NetworkStatsDTO,
  PeerDTO,
  SelfDTO,
  TransferDTO,
  TrustWarningDTO,
} from '../../src-shared/contract';

/**
 * How this window's link to Pigeon is: always `connected` under Electron. `restarted`:
 * headless Pigeon restarted with a new token, and this page can never reconnect.
 */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'restarted';

/** Whether the first snapshot has arrived. */
export type LoadState =
  { phase: 'loading' } | { phase: 'ready' } | { phase: 'failed'; error: string };

/** The loaded messages of one conversation, ordered by `at` (ties keep arrival order). */
export interface ConversationMessages {
  ids: readonly string[];
  byId: ReadonlyMap<string, MessageDTO>;
  /** True when older messages may exist on the other side of the bridge. */
  hasOlder: boolean;
  /**
   * True when newer messages may exist than those loaded: the window opened at a
   * search hit and has not paged down to the latest yet.
   */
  hasNewer: boolean;
}

export interface Notice {
  /** One banner per code: a repeated notice replaces the earlier one. */
  code: string;
  level: 'info' | 'warning' | 'error';
  message: string;
}

/**
 * Everything a window knows. Maps (not plain objects) because keys come from the
 * network: a peer called `__proto__` must stay just a name.
 */
export interface AppData {
  self: SelfDTO | null;
  peers: ReadonlyMap<string, PeerDTO>;
  /** Remark names (备注) the user gave contacts, by peer id. */
  remarks: ReadonlyMap<string, string>;
  conversations: ReadonlyMap<string, ConversationDTO>;
  /** Group conversations (群聊) by id, which is also their conversation's id. */
  groups: ReadonlyMap<string, GroupDTO>;
  /** Only conversations this window has loaded; events for others are ignored. */
  messages: ReadonlyMap<string, ConversationMessages>;
  stats: NetworkStatsDTO | null;
  /** Port, download folder, hosts…: loaded when the settings are opened, then kept by events. */
  networkSettings: NetworkSettingsDTO | null;
  notices: readonly Notice[];
  /** Conversations whose peer is typing now (main switches it off when the peer goes quiet). */
  typing: ReadonlySet<string>;
  /** Peers some of whose messages were refused for coming too fast: when, by peer id. */
  refused: ReadonlyMap<string, number>;
  /** Peers that shook the window: when they last did, by peer id (the open chat shakes). */
  shakes: ReadonlyMap<string, number>;
  /** What peers sent that Pigeon cannot show yet: by peer id, each kind with when it came last. */
  unsupported: ReadonlyMap<string, ReadonlyMap<UnsupportedKind, number>>;
  /** Identity warnings (impostors, address moves) since main started, oldest first. */
  trustWarnings: readonly TrustWarningDTO[];
  /** Transfers of the conversations this window shows, by id. */
  transfers: ReadonlyMap<string, TransferDTO>;
  connection: ConnectionState;
  load: LoadState;
}

export function initialData(): AppData {
  return {
    self: null,
    peers: new Map(),
    remarks: new Map(),
    conversations: new Map(),
    groups: new Map(),
    messages: new Map(),
    stats: null,
    networkSettings: null,
    notices: [],
    typing: new Set(),
    refused: new Map(),
    shakes: new Map(),
    unsupported: new Map(),
    trustWarnings: [],
    transfers: new Map(),
    connection: 'connecting',
    load: { phase: 'loading' },
  };
}
