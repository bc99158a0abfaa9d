import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ChannelName, ChannelResponses, PigeonEvent } from '../../src-shared/contract';
import type { MessengerOptions } from '../../src-main/core/options';
import { bundleForLab } from './bundle';
import type { Lan } from './lan';
import { until } from './until';

let bundled: Promise<string> | undefined;

/** Bundle the agent once per test process. */
function agentBundle(): Promise<string> {
  bundled ??= bundleForLab(
    fileURLToPath(new URL('./pigeon-agent.ts', import.meta.url)),
    'lab-agent',
  );
  return bundled;
}

export interface PigeonOnHost {
  child: ChildProcess;
  events: PigeonEvent[];
  call<C extends ChannelName>(channel: C, request?: unknown): Promise<ChannelResponses[C]>;
  /** Clean quit: the core says BR_EXIT, then the process exits. */
  quit(): Promise<void>;
}

/** Start a Pigeon core on a lab host; resolves once its socket is bound and it has announced. */
export async function startPigeonOn(
  lan: Lan,
  host: string,
  options: MessengerOptions & { dataDir?: string },
): Promise<PigeonOnHost> {
  const agent = await agentBundle();
  // PIGEON_CPU_PROF=<folder>: each agent writes a CPU profile there when it quits (Node
  // refuses --cpu-prof in NODE_OPTIONS, so it is passed here).
  const folder = process.env.PIGEON_CPU_PROF;
  const profile = folder ? ['--cpu-prof', `--cpu-prof-dir=${folder}`] : [];
  const child = lan.spawnOn(host, process.execPath, [...profile, agent, JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const events: PigeonEvent[] = [];
  const waiting = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  let next = 1;
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`agent on ${host} exited (${code}): ${lan.outputOf(child)}`)),
    );
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      let message: {
        ready?: boolean;
        events?: PigeonEvent[];
        id?: number;
        ok?: boolean;
        value?: never;
        error?: { message: string };
      };
      try {
        message = JSON.parse(line);
      } catch {
        return;
      }
      if (message.ready) resolve();
      if (message.events) events.push(...message.events);
      if (message.id !== undefined) {
        const w = waiting.get(message.id);
        waiting.delete(message.id);
        if (message.ok) w?.resolve(message.value as never);
        else w?.reject(new Error(message.error?.message ?? 'failed'));
      }
    });
  });
  await ready;
  const call = <C extends ChannelName>(channel: C | 'stop', request?: unknown) =>
    new Promise<ChannelResponses[C]>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve: resolve as (v: never) => void, reject });
      child.stdin!.write(`${JSON.stringify({ id, channel, request })}\n`);
    });
  return {
    child,
    events,
    call,
    async quit() {
      const exited = new Promise((r) => child.once('exit', r));
      await call('stop' as ChannelName).catch(() => undefined);
      await exited;
    },
  };
}

/** Waits until `pigeon` lists the peer `peerId` (`user@host`) as not offline. */
export async function untilPeerOnline(
  pigeon: PigeonOnHost,
  peerId: string,
  ms = 20_000,
): Promise<void> {
  await until(
    async () =>
      (await pigeon.call('getSnapshot')).peers.some(
        (p) => p.id === peerId && p.status !== 'offline',
      ),
    ms,
    `Pigeon lists ${peerId}`,
  );
}
