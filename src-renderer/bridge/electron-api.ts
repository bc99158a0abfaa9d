import type { ChannelFunction, ChannelName, PigeonApi } from '../../src-shared/contract';
import { channelFunctions } from '../../src-shared/contract/api';
import { withCode } from './errors';

/**
 * window.pigeon with its failures as BridgeErrors carrying main's code, as the
 * WebSocket client rejects: a window handles both modes' errors alike.
 */
export function electronApi(pigeon: PigeonApi): PigeonApi {
  const forward =
    <C extends ChannelName>(name: C): ChannelFunction<C> =>
    (request) =>
      (pigeon[name] as ChannelFunction<C>)(request).catch((reason: unknown) =>
        Promise.reject(withCode(reason)),
      );
  return { ...channelFunctions(forward), onEvents: (listener) => pigeon.onEvents(listener) };
}
