import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PigeonEvent } from '../../../../src-shared/contract';
import type { PeerRecord } from '../../../../src-main/core/discovery/peer-directory';
import {
  decodePacket,
  encodeAttachments,
  encodePacket,
  FileAttr,
  makeCommand,
  Mode,
  modeOf,
  Opt,
  type Packet,
} from '../../../../src-main/core/ipmsg';
import { openStore, type PigeonStore } from '../../../../src-main/core/store';
import { pigeonExtensions } from '../../../../src-main/core/transfer/pigeon-extensions';
import { INTERRUPTED, TransferService } from '../../../../src-main/core/transfer/transfers';
import { testPacketSender } from '../packet-sender-helper';
import { MessageSender } from '../../../../src-main/core/pipeline/message-sender';

const peerOf = (client: PeerRecord['client'], version: string): PeerRecord => ({
  id: 'ann@box',
  nickname: 'Ann',
  group: '',
  user: 'ann',
  host: 'box',
  address: '10.0.0.1',
  port: 2425,
  status: 'online',
  client,
  version,
  lastSeen: 0,
  capabilities: 0,
});

let store: PigeonStore;
let sent: { bytes: Buffer; address: string; port: number }[];
let events: PigeonEvent[];
let peer: PeerRecord;
let service: TransferService;
let sender: MessageSender;
let downloads: string;

function makeService(
  extra: Partial<ConstructorParameters<typeof TransferService>[0]> = {},
): TransferService {
  const packets = testPacketSender(
    { version: '1_pigeon 1.0', user: 'ben', host: 'box' },
    5_000_000,
    (bytes, address, port) => sent.push({ bytes, address, port }),
  );
  sender = new MessageSender({
    packets,
    legacy: 'gb18030',
    presence: () => ({ nickname: 'Ben', group: '' }),
    timing: { retryIntervalMs: 100, maxRetries: 2 },
  });
  return new TransferService({
    store,
    sender,
    packets,
    peer: (id) => (id === peer.id ? peer : undefined),
    requester: { version: '1_pigeon 1.0', user: 'ben', host: 'box', nextPacketNo: () => 1 },
    port: 2425,
    bindAddress: '127.0.0.1',
    legacy: 'gb18030',
    downloadDir: () => downloads,
    imagesDir: () => join(downloads, 'images'),
    emit: (event) => events.push(event),
    announcer: { announce: () => undefined },
    ...extra,
  });
}

const packet = (mode: number, extra: string | Buffer, from = peer): Packet => {
  const decoded = decodePacket(
    encodePacket({
      version: from.version,
      packetNo: 9,
      user: from.user,
      host: from.host,
      command: makeCommand(mode),
      extra,
    }),
  );
  if (!decoded.ok) throw new Error('bad test packet');
  return decoded.packet;
};

/** An offer from Ann, as Receiving hands it over. */
function receiveOffer(packetNo = 777, image = false) {
  const list = encodeAttachments(
    [
      {
        fileId: 3,
        name: image ? 'shot.png' : 'notes.txt',
        size: 12,
        mtime: 1,
        attr: FileAttr.REGULAR,
        ...(image ? { extensions: pigeonExtensions({ image: true }) } : {}),
      },
    ],
    { encoding: 'utf8', escapeColons: true },
  );
  const decoded = decodePacket(
    encodePacket({
      version: peer.version,
      packetNo,
      user: 'ann',
      host: 'box',
      command: makeCommand(Mode.SENDMSG, Opt.FILEATTACHOPT | Opt.UTF8OPT),
      extra: Buffer.concat([Buffer.from([0]), list]),
    }),
  );
  if (!decoded.ok) throw new Error('bad offer');
  const record = service.readOffer({
    attachments: list,
    packet: decoded.packet,
    peer,
    legacy: 'gb18030',
  });
  if (!record) throw new Error('no transfer');
  service.keepOffer(record, `message-${packetNo}`);
  return record;
}

const releases = () =>
  sent
    .map(({ bytes }) => decodePacket(bytes))
    .flatMap((d) => (d.ok && modeOf(d.packet.command) === Mode.RELEASEFILES ? [d.packet] : []))
    .map((p) => p.extra.toString('latin1'));

beforeEach(async () => {
  store = openStore(':memory:');
  sent = [];
  events = [];
  peer = peerOf('pigeon', '1_pigeon 1.0');
  downloads = await mkdtemp(join(tmpdir(), 'pigeon-service-'));
  service = makeService();
});

afterEach(async () => {
  await service.stop();
  sender.stop();
  store.close();
  await rm(downloads, { recursive: true, force: true });
});

describe('TransferService', () => {
  it('keeps a received offer and tells the windows', () => {
    const record = receiveOffer();
    expect(record).toMatchObject({ direction: 'in', state: 'offered', messageId: 'message-777' });
    expect(events).toContainEqual({
      type: 'transfer',
      transfer: expect.objectContaining({ id: record.id, state: 'offered' }),
    });
    expect(service.list('ann@box').map((t) => t.id)).toEqual([record.id]);
  });

  it('declining sends RELEASEFILES with the offer number in decimal', () => {
    const record = receiveOffer(778);
    expect(service.decline(record.id).state).toBe('declined');
    expect(releases()).toEqual(['778\0']);
    expect(() => service.accept(record.id)).toThrow(/Only an offer still waiting/);
  });

  it('refuses a folder that is not a full path', () => {
    const record = receiveOffer();
    expect(() => service.accept(record.id, 'relative/dir')).toThrow(
      expect.objectContaining({ code: 'invalid-request' }),
    );
    expect(service.list('ann@box')[0]?.state).toBe('offered');
  });

  it('cancelling a failed transfer removes its kept partial file', async () => {
    const record = receiveOffer(779);
    const partial = join(downloads, 'notes.txt.pigeon-part');
    await writeFile(partial, 'half');
    store.transfers.update({
      ...record,
      state: 'failed',
      retryable: true,
      items: [{ ...record.items[0]!, partial }],
    });
    // As a later run finds it: failed, its partial kept for a resume.
    await service.stop();
    service = makeService();
    expect(service.cancel(record.id).state).toBe('cancelled');
    await expect.poll(() => readdir(downloads)).toEqual([]);
    expect(releases()).toEqual(['779\0']);
  });

  it("another Pigeon's RELEASEFILES for its own offer means it took it back", () => {
    const record = receiveOffer(780);
    service.released(packet(Mode.RELEASEFILES, '780\0'), peer);
    expect(store.transfers.get(record.id)).toMatchObject({
      state: 'cancelled',
      error: 'Ann took the offer back.',
    });
  });

  it('from other clients that RELEASEFILES changes nothing', () => {
    peer = peerOf('ipmsg', '1');
    const record = receiveOffer(781);
    service.released(packet(Mode.RELEASEFILES, '781\0'), peer);
    expect(store.transfers.get(record.id)?.state).toBe('offered');
  });

  it('takes hostile RECVMSG and RELEASEFILES extras without a fault', () => {
    for (const extra of ['', 'abc', '99999999999999', '-1', '\0\0\0', '1:2:3']) {
      expect(() => service.released(packet(Mode.RELEASEFILES, extra), peer)).not.toThrow();
      expect(sender.acknowledged(packet(Mode.RECVMSG, extra))).toBe(false);
    }
  });

  it('refuses to offer while the file port is not open, in plain words', async () => {
    const file = join(downloads, 'x.txt');
    await writeFile(file, 'x');
    await expect(service.offer('ann@box', peer, [file], false)).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringMatching(/Files cannot be offered now/),
    });
  });

  it('names no location and no picture before anything arrived', async () => {
    const record = receiveOffer();
    expect(() => service.location(record.id)).toThrow(/Nothing has been saved/);
    await expect(service.image(record.id)).rejects.toMatchObject({ code: 'invalid-request' });
    expect(() => service.location('nope')).toThrow(/No such transfer/);
  });

  it('forgets an offer nobody fetched once it expires; the transfer may be offered again', async () => {
    let clock = 1_000_000;
    await service.stop();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      service = makeService({
        offerTtlMs: 60_000,
        sweepIntervalMs: 1000,
        now: () => clock,
        port: 0,
      });
      await service.start();
      const file = join(downloads, 'late.txt');
      await writeFile(file, 'too late');
      const offered = await service.offer('ann@box', peer, [file], false);
      const decoded = decodePacket(sent.at(-1)!.bytes);
      if (!decoded.ok) throw new Error('no offer sent');
      sender.acknowledged(packet(Mode.RECVMSG, `${decoded.packet.packetNo}\0`));
      expect(service.registry.size).toBe(1);
      vi.advanceTimersByTime(1000);
      expect(store.transfers.get(offered.id)?.state).toBe('offered');
      clock += 60_001;
      vi.advanceTimersByTime(1000);
      expect(service.registry.size).toBe(0);
      expect(store.transfers.get(offered.id)).toMatchObject({
        state: 'failed',
        error: 'The offer expired before it was fetched.',
        retryable: true,
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('a new run finds what the last one left offered or active failed', async () => {
    const offered = receiveOffer(782);
    const active = receiveOffer(783);
    store.transfers.update({ ...active, state: 'active' });
    const declined = receiveOffer(784);
    service.decline(declined.id);
    await service.stop();
    service = makeService();
    for (const id of [offered.id, active.id]) {
      expect(store.transfers.get(id)).toMatchObject({
        state: 'failed',
        error: INTERRUPTED,
        retryable: true,
      });
    }
    expect(store.transfers.get(declined.id)?.state).toBe('declined');
  });
});
