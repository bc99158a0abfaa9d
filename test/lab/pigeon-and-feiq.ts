// The usual FeiQ interop setting: one Pigeon and the scripted FeiQ stand-in (王会计,
// wang@FEIQ-PC) on two namespace hosts of one subnet, each seeing the other.
import { startFeiqPeer, type FeiqPeer } from './feiq-peer';
import { createLan, type Lan } from './lan';
import { startPigeonOn, untilPeerOnline, type PigeonOnHost } from './pigeon-on-host';

export const FEIQ_PEER_ID = 'wang@FEIQ-PC';

export interface PigeonAndFeiq {
  lan: Lan;
  pigeon: PigeonOnHost;
  feiq: FeiqPeer;
  /** The Pigeon's address (`<subnet>.10`); FeiQ is at `<subnet>.20`. */
  pigeonAddress: string;
  stop(): Promise<void>;
}

/** `subnet` is the first three parts of the addresses, e.g. '10.92.0'. */
export async function startPigeonAndFeiq(subnet: string): Promise<PigeonAndFeiq> {
  const pigeonAddress = `${subnet}.10`;
  const lan = await createLan({
    hosts: [
      { name: 'pigeon', address: pigeonAddress },
      { name: 'feiq', address: `${subnet}.20` },
    ],
  });
  const feiq = await startFeiqPeer(lan, 'feiq', {
    nick: '王会计',
    group: '财务部',
    user: 'wang',
    host: 'FEIQ-PC',
  });
  const pigeon = await startPigeonOn(lan, 'pigeon', {
    nickname: '小鸽',
    group: '研发部',
    user: 'dove',
    host: 'dove-pc',
    timing: { answerDelayMaxMs: 100 },
  });
  await untilPeerOnline(pigeon, FEIQ_PEER_ID);
  return {
    lan,
    pigeon,
    feiq,
    pigeonAddress,
    async stop() {
      await feiq.stop();
      await lan.dispose();
    },
  };
}
