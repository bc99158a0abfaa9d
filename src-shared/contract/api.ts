// What a window sees as `window.pigeon`: one function per channel and the event stream.
// Only types come from channels.ts, so the sandboxed preload bundles no schema library.
import { CHANNEL_NAMES } from './channel-names';
import type { ChannelName, ChannelRequest, ChannelResponse } from './channels';
import type { PigeonEvent } from './events';

/** How a window calls one channel. */
export type ChannelFunction<C extends ChannelName> = (
  request?: ChannelRequest<C>,
) => Promise<ChannelResponse<C>>;

export type PigeonApi = {
  [C in ChannelName]: ChannelFunction<C>;
} & {
  /** Subscribe to event batches; returns the unsubscribe function. */
  onEvents(listener: (events: PigeonEvent[]) => void): () => void;
};

/** One function per channel, made by `make`: the request half of a PigeonApi. */
export function channelFunctions(
  make: <C extends ChannelName>(name: C) => ChannelFunction<C>,
): Omit<PigeonApi, 'onEvents'> {
  return Object.fromEntries(CHANNEL_NAMES.map((name) => [name, make(name)])) as Omit<
    PigeonApi,
    'onEvents'
  >;
}
