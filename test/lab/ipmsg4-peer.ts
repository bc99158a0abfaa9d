// The scripted IP Messenger 4.x peer that encrypts (fixtures/ipmsg4-peer.py, Python's
// `cryptography`) on a lab host: what it printed, and text to send.
import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Lan } from './lan';
import { until } from './until';

const SCRIPT = fileURLToPath(new URL('./fixtures/ipmsg4-peer.py', import.meta.url));

export interface Ipmsg4Peer {
  /** Its JSON lines: ready, key, sent {encrypted}, message {text, encrypted, verified, wire}. */
  readonly events: Record<string, unknown>[];
  /** Text to `to` (`addr:port`), encrypted once it has that peer's key. */
  send(to: string, text: string): void;
  stop(): Promise<void>;
}

/** Listens on 0.0.0.0:2425 as `ipm4@box4` and announces itself to `peers` (`addr:port`). */
export async function startIpmsg4Peer(
  lan: Lan,
  host: string,
  peers: string[],
): Promise<Ipmsg4Peer> {
  const config = { address: '0.0.0.0', user: 'ipm4', host: 'box4', nick: 'IPMsg Four', peers };
  const child: ChildProcess = lan.spawnOn(host, 'python3', [SCRIPT, JSON.stringify(config)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const events: Record<string, unknown>[] = [];
  if (!child.stdout) throw new Error('ipmsg4-peer: no stdout');
  readline
    .createInterface({ input: child.stdout })
    .on('line', (line) => events.push(JSON.parse(line) as Record<string, unknown>));
  await until(async () => events.some((e) => e.event === 'ready'), 10_000, 'scripted peer');
  return {
    events,
    send: (to, text) => void child.stdin?.write(`${JSON.stringify({ op: 'send', to, text })}\n`),
    stop: () => lan.stop(child),
  };
}
