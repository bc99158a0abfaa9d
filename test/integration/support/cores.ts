import dgram from 'node:dgram';
import { afterEach } from 'vitest';
import type { PigeonEvent } from '../../../src-shared/contract';
import { generateIdentity, type Identity } from '../../../src-main/core/keys/identity';
import { createMessengerCore } from '../../../src-main/core/messenger';
import type { MessengerCore } from '../../../src-main/core/messenger-api';
import type { MessengerOptions } from '../../../src-main/core/options';
import { encodePacket, Mode } from '../../../src-main/core/ipmsg';

export interface TestCore {
  core: MessengerCore;
  address: string;
  events: PigeonEvent[];
}

// Whatever a test started is stopped when it ends, passed or failed.
const started: TestCore[] = [];
const sockets: dgram.Socket[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((c) => c.core.stop()));
  for (const socket of sockets.splice(0)) {
    try {
      socket.close();
    } catch {
      // Closed by the test already.
    }
  }
});

/** Fast protocol timing so a test sees retries and age-out in seconds. */
export const FAST = {
  retryIntervalMs: 200,
  maxRetries: 4,
  answerDelayMaxMs: 50,
  reannounceMs: 60_000,
  ageOutMs: 60_000,
};

/** Start cores on 127.0.0.x addresses that know each other through a host list only (stopped after the test). */
/**
 * A core started again under the same user@host keeps its identity keys, as a Pigeon
 * does through identity.key in its data folder: a new key would (rightly) hold everything
 * for it until its contacts accept the change. Tests of a changed key make their own.
 */
const identities = new Map<string, Identity>();
function identityOf(user: string, host: string): Identity {
  const id = `${user}@${host}`;
  const known = identities.get(id) ?? generateIdentity();
  identities.set(id, known);
  return known;
}

export async function startCores(
  addresses: string[],
  port: number,
  extra: Partial<MessengerOptions> = {},
): Promise<TestCore[]> {
  const cores = addresses.map((address, i) => {
    const core = createMessengerCore({
      nickname: `Peer ${i + 1}`,
      group: i === 0 ? '研发' : 'QA',
      user: `user${i + 1}`,
      host: `host${i + 1}`,
      port,
      bindAddress: address,
      broadcast: false,
      hosts: addresses.filter((a) => a !== address).map((a) => `${a}:${port}`),
      timing: FAST,
      identity: identityOf(extra.user ?? `user${i + 1}`, extra.host ?? `host${i + 1}`),
      ...extra,
    });
    const events: PigeonEvent[] = [];
    core.onEvent((e) => events.push(e));
    return { core, address, events };
  });
  started.push(...cores);
  for (const c of cores) await c.core.start();
  return cores;
}

export async function waitFor<T>(
  probe: () => T | undefined | false,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A bare UDP socket standing in for another program on the network (closed after the test). */
export async function rawSocket(
  address: string,
  port = 0,
): Promise<{ socket: dgram.Socket; received: Buffer[] }> {
  const socket = dgram.createSocket('udp4');
  sockets.push(socket);
  const received: Buffer[] = [];
  socket.on('message', (m) => received.push(m));
  await new Promise<void>((resolve) => socket.bind(port, address, () => resolve()));
  return { socket, received };
}

export function sendRaw(
  socket: dgram.Socket,
  bytes: Buffer | string,
  address: string,
  port: number,
): Promise<void> {
  return new Promise((resolve, reject) =>
    socket.send(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, port, address, (e) =>
      e ? reject(e) : resolve(),
    ),
  );
}

/** Whether `c` lists `id` as present (online or away). */
export const isPresent = (c: TestCore, id: string): boolean =>
  c.core.snapshot().peers.some((p) => p.id === id && p.status !== 'offline');

/** The header of the IP Messenger that ipmsgStandIn plays. */
export const IPMSG_STAND_IN = { version: '1', user: 'win', host: 'winbox' } as const;

/**
 * A bare socket on `address` that plays an IP Messenger (win@winbox, "Win" of "Ops"): it
 * answers the core at `to` with an entry and waits until that core lists it. Everything it
 * receives is kept in `received`.
 */
export async function ipmsgStandIn(
  address: string,
  port: number,
  to: TestCore,
): Promise<{ socket: dgram.Socket; received: Buffer[] }> {
  const peer = await rawSocket(address, port);
  const entry = encodePacket({
    ...IPMSG_STAND_IN,
    packetNo: 1,
    command: Mode.ANSENTRY,
    extra: 'Win\0Ops\0',
  });
  await sendRaw(peer.socket, entry, to.address, port);
  await waitFor(() => isPresent(to, 'win@winbox'), 3000, 'the IPMsg peer');
  return peer;
}
