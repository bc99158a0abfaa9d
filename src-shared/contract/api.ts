// What a window sees as `window.pigeon`: one function per channel and the event stream.
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
