// The UDP datagrams that got through a host's lossy rules, i.e. what its sockets could
// see. A capture on eth0 would not do: it also sees what the input rules drop later.
// So an nft chain hooked after the loss rules (higher priority number) logs each datagram
// still alive to an nflog group, and tcpdump writes that group to a pcap file.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Lan } from './lan';
import { hasExited, waitUntil } from './proc';

export interface ArrivedDatagram {
  /** Source address (IPv4, dotted). */
  from: string;
  /** UDP payload. */
  data: Buffer;
}

export interface ArrivalRecorder {
  /** Ends the capture and returns every datagram that arrived, in arrival order. */
  stop(): Promise<ArrivedDatagram[]>;
}

export interface ArrivalOptions {
  /** Only datagrams from this address. */
  from: string;
  port?: number;
  /** nflog group number (any free one on the host). */
  group?: number;
}

const LINKTYPE_NFLOG = 239;
const NFULA_PAYLOAD = 9;

/** Starts recording on `host`; resolves once tcpdump listens. */
export async function recordArrivals(
  lan: Lan,
  host: string,
  opts: ArrivalOptions,
): Promise<ArrivalRecorder> {
  const port = opts.port ?? 2425;
  const group = opts.group ?? 7;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pigeon-arrivals-'));
  const file = path.join(dir, 'arrivals.pcap');
  const table = ['inet', 'pigeon_arrivals'];
  await lan.exec(host, 'nft', ['add', 'table', ...table]);
  await lan.exec(host, 'nft', [
    'add chain inet pigeon_arrivals in { type filter hook input priority 10; policy accept; }',
  ]);
  await lan.exec(host, 'nft', [
    `add rule inet pigeon_arrivals in ip saddr ${opts.from} udp dport ${port} log group ${group}`,
  ]);
  // -Z root: tcpdump would otherwise give up root and could not write into the temp dir.
  const child = lan.spawnOn(host, 'tcpdump', [
    '-i',
    `nflog:${group}`,
    '-U',
    '-Z',
    'root',
    '-w',
    file,
  ]);
  await waitUntil(
    `tcpdump on nflog:${group} at ${host}`,
    () => {
      const out = lan.outputOf(child);
      if (hasExited(child)) throw new Error(`tcpdump on ${host} exited: ${out}`);
      return /listening on/.test(out) ? true : undefined;
    },
    10_000,
  );
  return {
    async stop() {
      await lan.stop(child);
      await lan.exec(host, 'nft', ['delete', 'table', ...table], { allowFailure: true });
      try {
        return parseNflogPcap(await readFile(file));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Reads a little-endian pcap of nflog records holding IPv4/UDP datagrams. */
export function parseNflogPcap(pcap: Buffer): ArrivedDatagram[] {
  if (pcap.length < 24) return [];
  if (pcap.readUInt32LE(0) !== 0xa1b2c3d4) throw new Error('not a little-endian pcap file');
  const linkType = pcap.readUInt32LE(20);
  if (linkType !== LINKTYPE_NFLOG) throw new Error(`pcap link type ${linkType}, not nflog`);
  const result: ArrivedDatagram[] = [];
  let at = 24;
  while (at + 16 <= pcap.length) {
    const captured = pcap.readUInt32LE(at + 8);
    const record = pcap.subarray(at + 16, at + 16 + captured);
    at += 16 + captured;
    const packet = nflogPayload(record);
    const datagram = packet && udpOfIpv4(packet);
    if (datagram) result.push(datagram);
  }
  return result;
}

/** The packet inside one nflog record: a 4-byte header, then 4-aligned TLVs. */
function nflogPayload(record: Buffer): Buffer | undefined {
  let at = 4;
  while (at + 4 <= record.length) {
    const length = record.readUInt16LE(at);
    const type = record.readUInt16LE(at + 2) & 0x7fff;
    if (length < 4) return undefined;
    if (type === NFULA_PAYLOAD) return record.subarray(at + 4, at + length);
    at += (length + 3) & ~3;
  }
  return undefined;
}

function udpOfIpv4(packet: Buffer): ArrivedDatagram | undefined {
  if (packet.length < 20 || packet[0]! >> 4 !== 4 || packet[9] !== 17) return undefined;
  const headerLength = (packet[0]! & 0x0f) * 4;
  const udpLength = packet.readUInt16BE(headerLength + 4);
  return {
    from: [...packet.subarray(12, 16)].join('.'),
    data: packet.subarray(headerLength + 8, headerLength + udpLength),
  };
}
