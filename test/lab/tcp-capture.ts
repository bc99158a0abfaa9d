// A packet capture on a host's link (tcpdump on its eth0, every byte of every segment),
// read back as TCP segments: for tests that must show what crossed the wire.
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Lan } from './lan';

export interface TcpSegment {
  from: string;
  to: string;
  fromPort: number;
  toPort: number;
  payload: Buffer;
}

export interface TcpCapture {
  /** Ends tcpdump (it writes out what it holds) and reads the segments it saw. */
  stop(): Promise<TcpSegment[]>;
}

/** Starts capturing TCP on `host`'s eth0 into `file`; resolves once tcpdump listens. */
export async function captureTcp(lan: Lan, host: string, file: string): Promise<TcpCapture> {
  const capture = await captureLink(lan, host, file, 'tcp');
  return { stop: async () => tcpSegments(await capture.stop()) };
}

/** Starts capturing on `host`'s eth0 (tcpdump's `filter`); `stop` gives the pcap file's bytes. */
export async function captureLink(
  lan: Lan,
  host: string,
  file: string,
  filter: string,
): Promise<{ stop(): Promise<Buffer> }> {
  const child: ChildProcess = lan.spawnOn(host, 'tcpdump', [
    '-i',
    'eth0',
    '-U',
    '-n',
    '-s',
    '0',
    // 64 MiB of kernel buffer: a fast transfer must not outrun the capture.
    '-B',
    '65536',
    '-w',
    file,
    filter,
  ]);
  const end = Date.now() + 10_000;
  while (!lan.outputOf(child).includes('listening on')) {
    if (child.exitCode !== null || Date.now() > end) {
      throw new Error(`tcpdump did not start: ${lan.outputOf(child)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    async stop() {
      await lan.stop(child);
      return readFile(file);
    },
  };
}

const ipv4 = (b: Buffer, at: number): string => [...b.subarray(at, at + 4)].join('.');

/** The IPv4 packets of a pcap file of Ethernet frames (the lab has no IPv6). */
function* ipv4Packets(pcap: Buffer): Generator<{ ip: Buffer; header: number; protocol: number }> {
  const magic = pcap.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const u32 = (at: number): number => (le ? pcap.readUInt32LE(at) : pcap.readUInt32BE(at));
  if (u32(20) !== 1) throw new Error(`not an Ethernet capture (link type ${u32(20)})`);
  for (let at = 24; at + 16 <= pcap.length;) {
    const length = u32(at + 8);
    const frame = pcap.subarray(at + 16, at + 16 + length);
    at += 16 + length;
    if (frame.length < 34 || frame.readUInt16BE(12) !== 0x0800) continue;
    const ip = frame.subarray(14);
    yield { ip: ip.subarray(0, ip.readUInt16BE(2)), header: (ip[0]! & 0x0f) * 4, protocol: ip[9]! };
  }
}

/** The TCP segments of a pcap file of Ethernet frames. */
export function tcpSegments(pcap: Buffer): TcpSegment[] {
  const segments: TcpSegment[] = [];
  for (const { ip, header, protocol } of ipv4Packets(pcap)) {
    if (protocol !== 6) continue;
    const tcp = ip.subarray(header);
    const tcpHeader = (tcp[12]! >> 4) * 4;
    segments.push({
      from: ipv4(ip, 12),
      to: ipv4(ip, 16),
      fromPort: tcp.readUInt16BE(0),
      toPort: tcp.readUInt16BE(2),
      payload: Buffer.from(tcp.subarray(tcpHeader)),
    });
  }
  return segments;
}

/** The UDP datagrams of a pcap file of Ethernet frames (unfragmented, as Pigeon sends them). */
export function udpDatagrams(pcap: Buffer): TcpSegment[] {
  const datagrams: TcpSegment[] = [];
  for (const { ip, header, protocol } of ipv4Packets(pcap)) {
    if (protocol !== 17) continue;
    const udp = ip.subarray(header);
    datagrams.push({
      from: ipv4(ip, 12),
      to: ipv4(ip, 16),
      fromPort: udp.readUInt16BE(0),
      toPort: udp.readUInt16BE(2),
      payload: Buffer.from(udp.subarray(8)),
    });
  }
  return datagrams;
}
