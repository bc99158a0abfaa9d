import readline from 'node:readline';
import { startFixture, type RunningFixture } from './fixture';
import type { Lan } from './lan';
import { waitUntil } from './proc';

/** Many simulated IPMsg peers on one lab host (fixtures/ipmsg-crowd.mjs). */
export interface Crowd {
  readonly count: number;
  /** The nickname peer `index` goes by. */
  nickname(index: number): string;
  /** Every peer sends its entry to the target, spread over `spreadMs`. */
  announce(spreadMs?: number): Promise<void>;
  /** Peer `index` sends a message; resolves once the target acknowledged it. */
  say(index: number, text: string): Promise<void>;
  stop(): Promise<void>;
}

export interface CrowdOptions {
  count: number;
  /** The address of the Pigeon they talk to. */
  target: string;
  basePort?: number;
  groups?: number;
  prefix?: string;
}

export async function startCrowd(lan: Lan, host: string, options: CrowdOptions): Promise<Crowd> {
  const prefix = options.prefix ?? 'Crowd';
  const fixture: RunningFixture = await startFixture(
    lan,
    host,
    'ipmsg-crowd.mjs',
    [JSON.stringify({ ...options, prefix })],
    30_000,
  );
  const events: Record<string, unknown>[] = [];
  if (fixture.child.stdout) {
    readline.createInterface({ input: fixture.child.stdout }).on('line', (line) => {
      try {
        events.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // Not a JSON line.
      }
    });
  }
  let nextId = 1;
  const command = (value: object) => fixture.child.stdin?.write(`${JSON.stringify(value)}\n`);
  return {
    count: options.count,
    nickname: (index) => `${prefix} ${String(index).padStart(4, '0')}`,
    async announce(spreadMs = 0) {
      const before = events.filter((e) => e.event === 'announced').length;
      command({ op: 'announce', spreadMs });
      await waitUntil(
        'crowd announced',
        () => events.filter((e) => e.event === 'announced').length > before || undefined,
        spreadMs + 30_000,
      );
    },
    async say(index, text) {
      const id = nextId++;
      command({ op: 'say', peer: index, text, id });
      await waitUntil(
        `message ${id} acknowledged`,
        () => events.some((e) => e.event === 'acked' && e.id === id) || undefined,
        10_000,
      );
    },
    stop: () => fixture.stop(),
  };
}
