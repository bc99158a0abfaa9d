import type { NetworkStatsDTO, NetworkStatusDTO } from '../../../src-shared/contract';
import type { Endpoint } from './endpoint';
import { listIpv4Interfaces } from './interfaces';

/** What the network panel shows: the port and why it is not bound, interfaces, targets, counters. */
export function describeNetwork(state: {
  port: number;
  bindAddress: string;
  bound: boolean;
  problem: string | undefined;
  targets: Endpoint[];
  stats: NetworkStatsDTO;
}): NetworkStatusDTO {
  const { port, targets, ...rest } = state;
  return {
    ...rest,
    port,
    interfaces: listIpv4Interfaces(),
    // Targets on Pigeon's own port are shown as bare addresses.
    announceTargets: targets.map((t) => (t.port === port ? t.address : `${t.address}:${t.port}`)),
  };
}
