// The Python TCP programs of test/lab/fixtures (written as socket tutorials write
// them), started for a test and stopped after it, plus a MessengerCore on loopback.
import { spawn } from 'node:child_process';
import net from 'node:net';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { PigeonEvent } from '../../../src-shared/contract';
import { createMessengerCore } from '../../../src-main/core/messenger';
import type { PigeonStore } from '../../../src-main/core/store';
import { waitFor } from './cores';

const FIXTURES = new URL('../../lab/fixtures/', import.meta.url);

export interface ProgramEvent {
  event: string;
  port?: number;
  from?: string;
  hex?: string;
  text?: string;
  id?: number;
  bytes?: number;
}

export interface Program {
  events: ProgramEvent[];
  of(kind: string): ProgramEvent[];
  /** All text it received, joined. */
  heard(): string;
  send(command: { text?: string; hex?: string }): Promise<void>;
  command(command: object): void;
  stop(): Promise<void>;
}

export type Cleanups = (() => Promise<void> | void)[];

/** Starts `tcp-server.py` or `tcp-client.py` with its arguments. */
export function startProgram(script: string, args: string[], cleanups: Cleanups): Program {
  const child = spawn('python3', [fileURLToPath(new URL(script, FIXTURES)), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const events: ProgramEvent[] = [];
  readline
    .createInterface({ input: child.stdout })
    .on('line', (line) => events.push(JSON.parse(line) as ProgramEvent));
  let running = true;
  const exited = new Promise<void>((r) =>
    child.once('exit', () => {
      running = false;
      r();
    }),
  );
  const stop = async () => {
    if (running) child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  };
  cleanups.push(stop);
  let nextId = 1;
  const program: Program = {
    events,
    of: (kind) => events.filter((e) => e.event === kind),
    heard: () =>
      program
        .of('received')
        .map((e) => Buffer.from(e.hex ?? '', 'hex').toString('utf8'))
        .join(''),
    command: (command) => child.stdin.write(`${JSON.stringify(command)}\n`),
    async send(command) {
      const id = nextId++;
      program.command({ op: 'send', id, ...command });
      await waitFor(() => program.of('sent').some((e) => e.id === id), 5000, 'program sent');
    },
    stop,
  };
  return program;
}

export async function startServer(
  cleanups: Cleanups,
  options: { port?: number; encoding?: string; flood?: number } = {},
): Promise<Program & { port: number }> {
  const args = ['--bind', '127.0.0.1', '--port', String(options.port ?? 0)];
  args.push('--encoding', options.encoding ?? 'utf-8', '--prefix', '回声: ');
  if (options.flood) args.push('--flood', String(options.flood));
  const server = startProgram('tcp-server.py', args, cleanups);
  const ready = await waitFor(() => server.of('ready')[0], 5000, 'server ready');
  return { ...server, port: ready.port! };
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freeTcpPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export async function startCore(store: PigeonStore, ipmsgPort: number, cleanups: Cleanups) {
  const core = createMessengerCore(
    {
      nickname: 'Tester',
      user: 'tester',
      host: 'test-pc',
      port: ipmsgPort,
      bindAddress: '127.0.0.1',
      broadcast: false,
      hosts: [],
    },
    store,
  );
  const events: PigeonEvent[] = [];
  core.onEvent((e) => events.push(e));
  await core.start();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await core.stop();
  };
  cleanups.push(stop);
  return { core, events, stop };
}
