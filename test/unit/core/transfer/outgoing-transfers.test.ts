import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageDTO, TransferDTO } from '../../../../src-shared/contract';
import type { PeerRecord } from '../../../../src-main/core/discovery/peer-directory';
import {
  decodePacket,
  encodePacket,
  hasOption,
  Mode,
  modeOf,
  Opt,
  type Packet,
} from '../../../../src-main/core/ipmsg';
import { openStore, type PigeonStore } from '../../../../src-main/core/store';
import type {
  FileServer,
  ServedTransfer,
} from '../../../../src-main/core/transfer/outgoing/file-server';
import { OfferRegistry } from '../../../../src-main/core/transfer/outgoing/offer-registry';
import { OutgoingTransfers } from '../../../../src-main/core/transfer/outgoing/outgoing-transfers';
import { TransferBook } from '../../../../src-main/core/transfer/transfer-book';
import type { TransferRecord } from '../../../../src-main/core/store/records/transfer-record';
import { decoded, testPacketSender } from '../packet-sender-helper';
import { MessageSender } from '../../../../src-main/core/pipeline/message-sender';

const peerOf = (client: PeerRecord['client'], version: string): PeerRecord => ({
  id: 'ben@box',
  nickname: 'Ben',
  group: '',
  user: 'ben',
  host: 'box',
  address: '10.0.0.2',
  port: 2425,
  status: 'online',
  client,
  version,
  lastSeen: 0,
  capabilities: 0,
});
const PIGEON = peerOf('pigeon', '1_pigeon 1.0');
const IPTUX = peerOf('iptux', '1_iptux 0.8.3');

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pigeon-outgoing-'));
  file = join(dir, 'a:b.txt');
  await writeFile(file, Buffer.alloc(10_000_000, 7));
});

let store: PigeonStore;
let sent: Buffer[];
let events: TransferDTO[];
let messages: MessageDTO[];
let active: ServedTransfer[];
let server: { active: () => ServedTransfer[]; cancel: ReturnType<typeof vi.fn> };
let registry: OfferRegistry;
let outgoing: OutgoingTransfers;
let sender: MessageSender;
let peer: PeerRecord;

beforeEach(() => {
  store = openStore(':memory:');
  sent = [];
  events = [];
  messages = [];
  active = [];
  server = { active: () => active, cancel: vi.fn(() => 0) };
  registry = new OfferRegistry();
  peer = PIGEON;
  const packets = testPacketSender(
    { version: '1_pigeon 1.0', user: 'ann', host: 'box' },
    1_000_000,
    (bytes) => sent.push(bytes),
  );
  sender = new MessageSender({
    packets,
    legacy: 'gb18030',
    presence: () => ({ nickname: 'Ann', group: '' }),
    timing: { retryIntervalMs: 100, maxRetries: 2 },
  });
  outgoing = new OutgoingTransfers({
    book: new TransferBook(store.transfers, (t) => events.push(t)),
    registry,
    server: server as unknown as FileServer,
    messages: store.messages,
    sender,
    peer: () => peer,
    imagesDir: () => join(dir, 'images'),
    announcer: { announce: (message) => messages.push(message) },
    now: Date.now,
  });
});

afterEach(() => {
  sender.stop();
  vi.useRealTimers();
  store.close();
});

/** Ben's RECVMSG for one of our packets. */
const recvmsg = (packetNo: number): Packet =>
  decoded(
    encodePacket({
      version: '1_pigeon 1.0',
      packetNo: 77,
      user: 'ben',
      host: 'box',
      command: Mode.RECVMSG,
      extra: `${packetNo}\0`,
    }),
  );

const served = (record: TransferRecord, id = 1, offset = 0): ServedTransfer => ({
  id,
  packetNo: record.packetNo,
  fileId: record.items[0]!.fileId,
  peerAddress: peer.address,
  kind: 'file',
  name: record.items[0]!.name,
  offset,
  size: record.items[0]!.size - offset,
});

const stateOf = (record: TransferRecord) => store.transfers.get(record.id)?.state;

describe('OutgoingTransfers', () => {
  it('registers the offer for the peer and sends SENDMSG|SENDCHECKOPT|FILEATTACHOPT', async () => {
    const record = await outgoing.offer('ben@box', peer, [file], false);
    expect(registry.lookup(record.packetNo, record.items[0]!.fileId, '10.0.0.2')).toBeDefined();
    expect(registry.lookup(record.packetNo, record.items[0]!.fileId, '10.0.0.3')).toBeUndefined();
    const decoded = decodePacket(sent[0]!);
    if (!decoded.ok) throw new Error('undecodable');
    const { command, extra, packetNo } = decoded.packet;
    expect(packetNo).toBe(record.packetNo);
    expect(modeOf(command)).toBe(Mode.SENDMSG);
    expect(hasOption(command, Opt.SENDCHECKOPT | Opt.FILEATTACHOPT | Opt.UTF8OPT)).toBe(true);
    const text = extra.toString('utf8');
    expect(text.startsWith('\0')).toBe(true); // no text before the list
    expect(text).toContain('a::b.txt'); // IP Messenger's escape toward Pigeon
    expect(text).toContain(`50470001=${record.items[0]!.sha256}`);
    // The offer is a message with no text that names the transfer.
    expect(messages[0]).toMatchObject({ text: '', state: 'sending', transferId: record.id });
    expect(store.messages.get(record.messageId)?.transferId).toBe(record.id);
    expect(events.at(-1)).toMatchObject({ id: record.id, state: 'offered', direction: 'out' });
  });

  it('writes names iptux can read and sends it no Pigeon extensions', async () => {
    peer = IPTUX;
    await outgoing.offer('ben@box', peer, [file], false);
    const decoded = decodePacket(sent[0]!);
    if (!decoded.ok) throw new Error('undecodable');
    const text = decoded.packet.extra.toString('utf8');
    expect(text).toContain(':a;b.txt:');
    expect(text).not.toContain('::');
    expect(text).not.toContain('50470001');
  });

  it('refuses an offer too big for one datagram, sending and keeping nothing', async () => {
    const small = join(dir, `${'long name '.repeat(20)}.txt`);
    await writeFile(small, 'x');
    const paths = Array.from({ length: 60 }, () => small);
    await expect(outgoing.offer('ben@box', peer, paths, false)).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringMatching(/put them in a folder/),
    });
    expect(sent).toHaveLength(0);
    expect(registry.size).toBe(0);
    expect(store.transfers.list('ben@box')).toHaveLength(0);
  });

  it('reports progress batched (about 10 a second), with speed and time left', async () => {
    const record = await outgoing.offer('ben@box', peer, [file], false);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    const transfer = served(record);
    active = [transfer];
    outgoing.onServerEvent({ type: 'start', transfer });
    expect(stateOf(record)).toBe('active');
    events.length = 0;
    // A chunk every millisecond for two seconds: 2000 reports from the server.
    for (let ms = 1; ms <= 2000; ms++) {
      vi.advanceTimersByTime(1);
      outgoing.onServerEvent({ type: 'progress', transfer, bytes: ms * 4000 });
    }
    expect(events.length).toBeGreaterThanOrEqual(15);
    expect(events.length).toBeLessThanOrEqual(22);
    const last = events.at(-1)!;
    // The last report may be up to one batch behind the last chunk.
    expect(last.bytesDone).toBeGreaterThan(7_500_000);
    expect(last.bytesPerSecond).toBeGreaterThan(3_000_000);
    expect(last.bytesPerSecond).toBeLessThan(5_000_000);
    expect(last.secondsLeft).toBe(1);
    active = [];
    outgoing.onServerEvent({ type: 'end', transfer, bytes: 10_000_000, outcome: 'done' });
    expect(stateOf(record)).toBe('done');
    expect(events.at(-1)).toMatchObject({
      state: 'done',
      bytesDone: 10_000_000,
      bytesPerSecond: 0,
    });
    // Everything was fetched: the offer is no longer served.
    expect(registry.size).toBe(0);
  });

  it('RELEASEFILES before any fetch is a decline', async () => {
    const record = await outgoing.offer('ben@box', peer, [file], false);
    outgoing.released(record, peer.address);
    expect(stateOf(record)).toBe('declined');
    expect(registry.size).toBe(0);
  });

  it('RELEASEFILES part-way is a cancel; while a connection ends, it waits for it', async () => {
    const record = await outgoing.offer('ben@box', peer, [file], false);
    const transfer = served(record);
    active = [transfer];
    outgoing.onServerEvent({ type: 'start', transfer });
    outgoing.onServerEvent({ type: 'progress', transfer, bytes: 5000 });
    outgoing.released(record, peer.address);
    expect(stateOf(record)).toBe('active'); // the last bytes may still be on their way
    outgoing.onServerEvent({ type: 'end', transfer, bytes: 5000, outcome: 'failed' });
    expect(stateOf(record)).toBe('cancelled');
  });

  it('RELEASEFILES racing the last bytes still ends done', async () => {
    const record = await outgoing.offer('ben@box', peer, [file], false);
    const transfer = served(record);
    active = [transfer];
    outgoing.onServerEvent({ type: 'start', transfer });
    outgoing.released(record, peer.address);
    outgoing.onServerEvent({ type: 'end', transfer, bytes: 10_000_000, outcome: 'done' });
    expect(stateOf(record)).toBe('done');
  });

  it('empty files need no fetch: done when the rest is sent, or when released', async () => {
    const empty = join(dir, 'empty.txt');
    await writeFile(empty, '');
    const record = await outgoing.offer('ben@box', peer, [file, empty], false);
    const transfer = served(record);
    active = [transfer];
    outgoing.onServerEvent({ type: 'start', transfer });
    active = [];
    outgoing.onServerEvent({ type: 'end', transfer, bytes: 10_000_000, outcome: 'done' });
    expect(stateOf(record)).toBe('done');
    const onlyEmpty = await outgoing.offer('ben@box', peer, [empty], false);
    outgoing.released(onlyEmpty, peer.address);
    expect(stateOf(onlyEmpty)).toBe('done');
  });

  it('a resumed fetch counts from its offset', async () => {
    const record = await outgoing.offer('ben@box', peer, [file], false);
    const transfer = served(record, 2, 9_000_000);
    active = [transfer];
    outgoing.onServerEvent({ type: 'start', transfer });
    active = [];
    outgoing.onServerEvent({ type: 'end', transfer, bytes: 1_000_000, outcome: 'done' });
    expect(stateOf(record)).toBe('done');
  });

  it('cancelling withdraws the offer and ends its connections', async () => {
    const record = await outgoing.offer('ben@box', peer, [file], false);
    outgoing.cancel(record);
    expect(registry.size).toBe(0);
    expect(server.cancel).toHaveBeenCalledWith({ packetNo: record.packetNo });
    expect(stateOf(record)).toBe('cancelled');
  });

  it('an acknowledged offer is delivered; an unconfirmed one fails and may be offered again', async () => {
    const first = await outgoing.offer('ben@box', peer, [file], false);
    expect(sender.acknowledged(recvmsg(first.packetNo))).toBe(true);
    expect(store.messages.get(first.messageId)?.state).toBe('delivered');
    expect(sender.acknowledged(recvmsg(first.packetNo))).toBe(false);

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const second = await outgoing.offer('ben@box', peer, [file], false);
    vi.advanceTimersByTime(350);
    const transmissions = sent.filter((bytes) => {
      const decoded = decodePacket(bytes);
      return decoded.ok && decoded.packet.packetNo === second.packetNo;
    });
    // To another Pigeon, whose first offer was confirmed at once: sent at 0, again at 50 ms
    // (the quick retry's floor), 150 and 250 (backed off to the 100 ms interval), failed at
    // 300 ms, (maxRetries + 1) × retryIntervalMs, as before.
    expect(transmissions).toHaveLength(4);
    expect(store.messages.get(second.messageId)).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/did not confirm the offer/),
    });
    expect(store.transfers.get(second.id)).toMatchObject({ state: 'failed', retryable: true });
    expect(registry.list().map((o) => o.packetNo)).not.toContain(second.packetNo);
  });
});
