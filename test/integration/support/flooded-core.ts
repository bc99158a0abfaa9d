import { createMessengerCore } from '../../../src-main/core/messenger';
import type { MessengerCore } from '../../../src-main/core/messenger-api';
import type { PigeonStore } from '../../../src-main/core/store';
import { FAST } from './cores';

/**
 * Alice for the flood tests: her own store, no broadcast, and a rate limit so high that
 * every made-up name reaches her, as in the attacker's reproduction (the flood stays under
 * the real limit by spreading over addresses or time).
 */
export function startFloodedAlice(
  store: PigeonStore,
  port: number,
  bindAddress: string,
): MessengerCore {
  return createMessengerCore(
    {
      nickname: 'Alice',
      user: 'alice',
      host: 'desk1',
      port,
      bindAddress,
      broadcast: false,
      hosts: [],
      timing: FAST,
      rateLimit: { perSecond: 1_000_000, burst: 1_000_000 },
      presenceLimit: { perSecond: 1_000_000, burst: 1_000_000 },
    },
    store,
  );
}
