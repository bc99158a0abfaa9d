// The usual iptux interop setting: one Pigeon (Dove, pigeon@pigeon-pc) and the real iptux
// (IptuxBot, root@iptux-pc) on two namespace hosts of one subnet, iptux started first.
import type { PeerDTO } from '../../src-shared/contract';
import type { MessengerTiming } from '../../src-main/core/options';
import { startIptux, type IptuxOptions, type IptuxPeer } from './iptux';
import { createLan, type Lan } from './lan';
import { startPigeonOn, type PigeonOnHost } from './pigeon-on-host';

export const IPTUX_PEER_ID = 'root@iptux-pc';
const TIMING: Partial<MessengerTiming> = { answerDelayMaxMs: 200, retryIntervalMs: 500 };

export interface PigeonAndIptux {
  lan: Lan;
  iptux: IptuxPeer;
  pigeon: PigeonOnHost;
  /** iptux as Pigeon lists it now, if it does. */
  iptuxPeer(): Promise<PeerDTO | undefined>;
  stop(): Promise<void>;
}

/**
 * `subnet` is the first three parts of the addresses, e.g. '10.98.0' (Pigeon at .10,
 * iptux at .20); `iptuxOptions` add to iptux's (nick IptuxBot, group qa, DEBUG log).
 */
export async function startPigeonAndIptux(
  subnet: string,
  iptuxOptions: Partial<IptuxOptions> = {},
): Promise<PigeonAndIptux> {
  const lan = await createLan({
    hosts: [
      { name: 'iptux', address: `${subnet}.20`, hostname: 'iptux-pc' },
      { name: 'pigeon', address: `${subnet}.10`, hostname: 'pigeon-pc' },
    ],
  });
  const iptux = await startIptux(lan, 'iptux', {
    nick: 'IptuxBot',
    group: 'qa',
    logLevel: 'DEBUG',
    ...iptuxOptions,
  });
  const pigeon = await startPigeonOn(lan, 'pigeon', {
    nickname: 'Dove',
    group: 'dev',
    user: 'pigeon',
    timing: TIMING,
  });
  return {
    lan,
    iptux,
    pigeon,
    iptuxPeer: async () =>
      (await pigeon.call('getSnapshot')).peers.find((p) => p.id === IPTUX_PEER_ID),
    async stop() {
      if (pigeon.child.exitCode === null) await pigeon.quit();
      await iptux.stop();
      await lan.dispose();
    },
  };
}
