import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import readline from 'node:readline';
import type { Lan } from './lan';
import { hasExited, waitUntil } from './proc';

const PROBE_SCRIPT = fileURLToPath(new URL('./fixtures/udp-probe.mjs', import.meta.url));

/** One datagram a probe received. */
export interface Datagram {
  from: string;
  port: number;
  data: Buffer;
  /** The bytes read as UTF-8 (IPMsg fields are NUL-separated: look for '\0'). */
  text: string;
  receivedAt: number;
}

export interface UdpProbeOptions {
  /** Local address to bind (default 0.0.0.0: the only way to hear broadcasts). */
  bind?: string;
  /** Local port (default 0: any). */
  port?: number;
}

/** A raw UDP socket living on one lab host (a node process started there). */
export interface UdpProbe {
  readonly host: string;
  readonly child: ChildProcess;
  /** The bound address and port. */
  readonly address: string;
  readonly port: number;
  /** Everything received so far, oldest first. */
  readonly received: readonly Datagram[];
  /** Sends one datagram; resolves once the kernel accepted it. */
  send(address: string, port: number, data: Buffer | string): Promise<void>;
  /** The first datagram (already received or arriving) that matches. */
  waitFor(match: (d: Datagram) => boolean, timeoutMs?: number): Promise<Datagram>;
  stop(): Promise<void>;
}

interface ProbeEvent {
  event: 'ready' | 'message' | 'sent' | 'error';
  id?: number;
  address?: string;
  from?: string;
  port?: number;
  data?: string;
  message?: string;
}

/** Starts a probe on `host`; resolves once its socket is bound. */
export async function startUdpProbe(
  lan: Lan,
  host: string,
  opts: UdpProbeOptions = {},
): Promise<UdpProbe> {
  const bind = opts.bind ?? '0.0.0.0';
  const args = [PROBE_SCRIPT, '--bind', bind, '--port', String(opts.port ?? 0)];
  const child = lan.spawnOn(host, process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const received: Datagram[] = [];
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let ready: { address: string; port: number } | undefined;
  let failure: string | undefined;
  let nextId = 1;

  if (!child.stdout) throw new Error('udp probe has no stdout');
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    let event: ProbeEvent;
    try {
      event = JSON.parse(line) as ProbeEvent;
    } catch {
      return;
    }
    if (event.event === 'ready') ready = { address: event.address ?? bind, port: event.port ?? 0 };
    if (event.event === 'message') {
      const data = Buffer.from(event.data ?? '', 'base64');
      received.push({
        from: event.from ?? '',
        port: event.port ?? 0,
        data,
        text: data.toString('utf8'),
        receivedAt: Date.now(),
      });
    }
    const waiter = event.id === undefined ? undefined : pending.get(event.id);
    if (event.event === 'sent' && waiter && event.id !== undefined) {
      pending.delete(event.id);
      waiter.resolve();
    }
    if (event.event === 'error') {
      if (waiter && event.id !== undefined) {
        pending.delete(event.id);
        waiter.reject(new Error(`udp probe on ${host}: ${event.message ?? 'send failed'}`));
      } else {
        failure = event.message ?? 'error';
      }
    }
  });
  child.once('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error(`udp probe on ${host} exited`));
    pending.clear();
  });

  const bound = await waitUntil(
    `udp probe on ${host} to bind ${bind}:${opts.port ?? 0}`,
    () => {
      if (failure !== undefined || hasExited(child)) {
        throw new Error(`udp probe on ${host} failed: ${failure ?? lan.outputOf(child)}`);
      }
      return ready;
    },
    10_000,
    20,
  );

  return {
    host,
    child,
    address: bound.address,
    port: bound.port,
    received,
    send(address, port, data) {
      const id = nextId++;
      const payload = (typeof data === 'string' ? Buffer.from(data, 'utf8') : data).toString(
        'base64',
      );
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.stdin?.write(`${JSON.stringify({ op: 'send', id, address, port, data: payload })}\n`);
      });
    },
    waitFor(match, timeoutMs = 5000) {
      return waitUntil(`a matching datagram on ${host}`, () => received.find(match), timeoutMs, 20);
    },
    async stop() {
      child.stdin?.end();
      await lan.stop(child, { graceMs: 2000 });
    },
  };
}
