// TCP sockets on a lab host, read with `ss` inside its namespace, and a rate limit on a
// host's link (tbf) so a transfer lasts long enough to be stopped half-way.
import type { Lan } from './lan';

export interface TcpSocket {
  state: string;
  local: string;
  peer: string;
  /** ss's process column (`users:(("node",pid=…,fd=…))`), empty for orphans. */
  process: string;
}

/** Every TCP socket on the host, listening ones included. */
export async function tcpSockets(lan: Lan, host: string): Promise<TcpSocket[]> {
  const { stdout } = await lan.exec(host, 'ss', ['-tanpH']);
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length >= 5)
    .map(([state = '', , , local = '', peer = '', ...rest]) => ({
      state,
      local,
      peer,
      process: rest.join(' '),
    }));
}

/**
 * Connections still open on the host: everything but listening sockets and TIME-WAIT
 * (a closed connection the kernel remembers for a while; no process holds it).
 */
export async function openConnections(lan: Lan, host: string): Promise<TcpSocket[]> {
  return (await tcpSockets(lan, host)).filter(
    (s) => s.state !== 'LISTEN' && s.state !== 'TIME-WAIT',
  );
}

/** Caps the host's outgoing rate, e.g. '200mbit' (sch_tbf; works on the VM kernel). */
export async function limitRate(lan: Lan, host: string, rate: string): Promise<void> {
  await lan.exec(host, 'tc', [
    'qdisc',
    'replace',
    'dev',
    'eth0',
    'root',
    'tbf',
    'rate',
    rate,
    'burst',
    '256kb',
    'latency',
    '100ms',
  ]);
}

export async function clearRate(lan: Lan, host: string): Promise<void> {
  await lan.clearNetem(host);
}
