import type {
  ChannelName,
  ChannelResponse,
  NetworkStatsDTO,
  NetworkStatusDTO,
  ParsedRequest,
  PigeonEvent,
  SnapshotDTO,
} from '../../src-shared/contract';

/**
 * Channels that are not a core command of the same name: the shell answers them
 * (a dialog, the file manager, a staged picture), or the handler table maps them to
 * a core method of another shape. Every other channel is a command below.
 */
export type ShellChannel =
  | 'getSnapshot'
  | 'getNetworkStatus'
  | 'openConversation'
  | 'showTransfer'
  | 'chooseDirectory'
  | 'stagePicture'
  | 'getStartAtLogin'
  | 'setStartAtLogin'
  | 'takeScreenshot'
  | 'openSettings'
  | 'showSharedFolder';

export type CommandChannel = Exclude<ChannelName, ShellChannel>;

/** Commands that answer later (they read files or open sockets); the others answer at once. */
type LaterCommand = 'offerFiles' | 'getTransferImage' | 'addPlainContact' | 'reconnectPlainContact';

type Answer<C extends CommandChannel> = C extends LaterCommand
  ? Promise<ChannelResponse<C>>
  : ChannelResponse<C>;

/** A channel's command: its parsed request in, its response out. An empty request may be left out. */
export type Command<C extends CommandChannel> =
  undefined extends ParsedRequest<C>
    ? (request?: ParsedRequest<C>) => Answer<C>
    : (request: ParsedRequest<C>) => Answer<C>;

/** One command per contract channel, typed from the channel map (src-shared/contract). */
export type MessengerCommands = { [C in CommandChannel]: Command<C> };

/**
 * MessengerCore: the one facade of Pigeon's core. Commands in, typed events out.
 * Runs under plain Node; the Electron and headless adapters both drive it.
 */
export interface MessengerCore extends MessengerCommands {
  /** Bind the sockets and announce ourselves. Rejects with a plain-words error if the port is taken. */
  start(): Promise<void>;
  /** Say goodbye (BR_EXIT) and release the sockets. Safe to call twice. */
  stop(): Promise<void>;

  snapshot(): SnapshotDTO;
  stats(): NetworkStatsDTO;
  networkStatus(): NetworkStatusDTO;
  /** The conversation with a peer, created if new; returns its id. */
  openConversation(peerId: string): string;
  /** The local path to show for a transfer: the received item, or its folder. */
  transferLocation(transferId: string): string;

  /** Subscribe to events; returns the unsubscribe function. */
  onEvent(listener: (event: PigeonEvent) => void): () => void;
}
