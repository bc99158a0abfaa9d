import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PigeonEvent } from '../../src-shared/contract';
import { createMessengerCore } from '../../src-main/core/messenger';
import type { MessengerCore } from '../../src-main/core/messenger-api';
import { openStore, type PigeonStore } from '../../src-main/core/store';
import { Mode } from '../../src-main/core/ipmsg/commands';
import { decodePacket } from '../../src-main/core/ipmsg/packet';
import { until } from '../lab/until';

// A real full disk: the history lives on a 16 MiB tmpfs (the lab sandbox has its own
// mount namespace), filled up while another client keeps writing. Pigeon says so once,
// acknowledges nothing it could not keep, refuses sends with the reason, and recovers
// by itself when space returns.
const PORT = 2425;
const US = '127.0.0.1';
const PEER_PORT = 2426;
const PEER = 'iptuxer@box';
const FLOOD = 1000;
const SETTLE_MS = 1000;

let mountPoint: string;
let store: PigeonStore;
let core: MessengerCore;
let peer: dgram.Socket;
const events: PigeonEvent[] = [];
const acks: number[] = [];
let packetNo = 1000;

function sendMessage(text: string, number = ++packetNo): Promise<number> {
  const bytes = Buffer.from(`1_iptux 0.8.3:${number}:iptuxer:box:${0x20 | 0x100}:${text}\0`);
  return new Promise((resolve, reject) =>
    peer.send(bytes, PORT, US, (error) => (error ? reject(error) : resolve(number))),
  );
}

function fillDisk(): string {
  const filler = path.join(mountPoint, 'filler');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) appendFileSync(filler, chunk);
  } catch (error) {
    expect((error as { code?: string }).code).toBe('ENOSPC');
  }
  return filler;
}

const receivedCount = () =>
  store.db.sqlite
    .prepare("SELECT count(*) FROM messages WHERE direction = 'in'")
    .pluck()
    .get() as number;

const notices = (code: string) =>
  events.filter((e) => e.type === 'notice' && e.code === code).length;

beforeAll(async () => {
  mountPoint = mkdtempSync(path.join(os.tmpdir(), 'pigeon-small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mountPoint]);
  mkdirSync(path.join(mountPoint, 'data'));
  store = openStore(path.join(mountPoint, 'data', 'pigeon.db'), {
    diskFullSettleMs: SETTLE_MS,
  });
  core = createMessengerCore(
    {
      nickname: 'Pigeon',
      user: 'me',
      host: 'here',
      port: PORT,
      bindAddress: US,
      broadcast: false,
      hosts: [],
      rateLimit: { perSecond: 100_000, burst: 100_000 },
    },
    store,
  );
  core.onEvent((event) => events.push(event));
  await core.start();
  peer = dgram.createSocket('udp4');
  peer.on('message', (bytes) => {
    const decoded = decodePacket(bytes);
    if (decoded.ok && decoded.packet.mode === Mode.RECVMSG) {
      acks.push(Number(decoded.packet.extra.toString('latin1').replace(/\0.*$/, '')));
    }
  });
  await new Promise<void>((resolve) => peer.bind(PEER_PORT, US, resolve));
});

afterAll(async () => {
  peer?.close();
  await core?.stop();
  store?.close();
  if (mountPoint) {
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  }
});

describe('a full disk under the history', () => {
  it('is told once, acknowledges nothing unsaved, refuses sends, and clears when space returns', async () => {
    const first = await sendMessage('before');
    await until(() => acks.includes(first), 5000, 'the first message acknowledged');
    const filler = fillDisk();

    const flooded: number[] = [];
    for (let i = 0; i < FLOOD; i++)
      flooded.push(await sendMessage(`while full ${i} ${'x'.repeat(200)}`));
    await until(() => notices('disk-full') === 1, 5000, 'the disk-full notice');
    // Every datagram was handled (none left in flight) before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(notices('disk-full')).toBe(1);
    expect(notices('packet-error')).toBe(0);
    // What could not be kept is not acknowledged: the sender still holds it.
    const keptWhileFull = receivedCount() - 1;
    const acked = flooded.filter((n) => acks.includes(n)).length;
    expect(acked).toBe(keptWhileFull);
    expect(acked).toBeLessThan(FLOOD);

    let refusal: unknown;
    try {
      core.sendMessage({ conversationId: PEER, text: 'reply' });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({
      code: 'disk-full',
      message: 'Disk full: messages are not being saved',
    });

    rmSync(filler);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    // The sender tries a refused message again: it is kept now, and the notice goes.
    const retried = flooded.at(-1) as number;
    await sendMessage(`while full ${FLOOD - 1} ${'x'.repeat(200)}`, retried);
    await until(() => acks.includes(retried), 5000, 'the retried message acknowledged');
    await until(
      () => events.some((e) => e.type === 'notice-cleared' && e.code === 'disk-full'),
      5000,
      'the notice cleared',
    );
    expect(core.sendMessage({ conversationId: PEER, text: 'reply' })[0]?.state).toBeDefined();
    expect(notices('disk-full')).toBe(1);
  }, 60_000);
});
