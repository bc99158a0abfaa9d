import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Attachment } from '../../src-main/core/ipmsg';
import type { Lan } from './lan';
import { hasExited, waitUntil } from './proc';

let bundled: Promise<string> | undefined;

function agentBundle(): Promise<string> {
  bundled ??= (async () => {
    const outDir = fileURLToPath(new URL('../../out/', import.meta.url));
    mkdirSync(outDir, { recursive: true });
    const out = path.join(mkdtempSync(path.join(outDir, 'lab-file-agent-')), 'agent.cjs');
    await build({
      entryPoints: [fileURLToPath(new URL('./ipmsg-file-agent.ts', import.meta.url))],
      outfile: out,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'error',
    });
    return out;
  })();
  return bundled;
}

export interface ReceivedOffer {
  from: string;
  packetNo: number;
  text: string;
  attachments: Attachment[];
}

export interface ServedItem {
  name: string;
  outcome: 'done' | 'cancelled' | 'failed';
  bytes: number;
}

/** A bare IPMsg file peer (Pigeon's transfer pieces without the messenger) on a lab host. */
export interface IpmsgFilePeer {
  readonly offers: ReceivedOffer[];
  readonly served: ServedItem[];
  /** Broadcasts BR_ENTRY so peers list it. */
  announce(): Promise<void>;
  /**
   * Offers files/folders to `to`; resolves with the offer's packet number. With
   * sizeFolders a folder is offered with its total size (as iptux does) instead of 0.
   */
  offer(
    to: string,
    paths: readonly string[],
    opts?: { text?: string; sizeFolders?: boolean },
  ): Promise<{ packetNo: number }>;
  /** Fetches every item of a received offer into `dir`. */
  fetch(from: string, packetNo: number, dir: string): Promise<unknown[]>;
  output(): string;
  stop(): Promise<void>;
}

export interface IpmsgFilePeerOptions {
  user: string;
  host: string;
  nick: string;
  group: string;
}

export async function startIpmsgFilePeer(
  lan: Lan,
  host: string,
  options: IpmsgFilePeerOptions,
): Promise<IpmsgFilePeer> {
  const agent = await agentBundle();
  const child = lan.spawnOn(host, process.execPath, [agent, JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const offers: ReceivedOffer[] = [];
  const served: ServedItem[] = [];
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let ready = false;
  let next = 1;
  if (!child.stdout || !child.stdin) throw new Error('file agent: no pipes');
  const stdin = child.stdin;
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    if (message.event === 'ready') ready = true;
    if (message.event === 'offer') offers.push(message as unknown as ReceivedOffer);
    if (message.event === 'served') served.push(message as unknown as ServedItem);
    if (typeof message.id === 'number') {
      const w = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.ok) w?.resolve(message.value);
      else w?.reject(new Error(String(message.error)));
    }
  });
  const stop = async (): Promise<void> => {
    stdin.end();
    await lan.stop(child, { graceMs: 2000 });
  };
  await waitUntil(
    `file agent on ${host}`,
    () => {
      if (hasExited(child)) throw new Error(`file agent on ${host} exited: ${lan.outputOf(child)}`);
      return ready ? true : undefined;
    },
    15_000,
  );
  const call = (request: Record<string, unknown>): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      stdin.write(`${JSON.stringify({ id, ...request })}\n`);
    });
  return {
    offers,
    served,
    announce: async () => void (await call({ op: 'entry' })),
    offer: async (to, paths, opts = {}) =>
      (await call({ op: 'offer', to, paths, ...opts })) as { packetNo: number },
    fetch: async (from, packetNo, dir) =>
      (await call({ op: 'fetch', from, packetNo, dir })) as unknown[],
    output: () => lan.outputOf(child),
    stop,
  };
}
