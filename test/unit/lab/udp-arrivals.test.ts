// Reading back the pcap tcpdump writes from an nflog group: the UDP payload and the
// source address of each IPv4 datagram, whatever other TLVs nflog adds around it.
import { describe, expect, it } from 'vitest';
import { parseNflogPcap } from '../../lab/udp-arrivals';

function tlv(type: number, value: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(4 + value.length, 0);
  head.writeUInt16LE(type, 2);
  const padding = Buffer.alloc((4 - (value.length % 4)) % 4);
  return Buffer.concat([head, value, padding]);
}

function ipv4Udp(from: string, payload: Buffer): Buffer {
  const ip = Buffer.alloc(20);
  ip[0] = 0x45;
  ip.writeUInt16BE(28 + payload.length, 2);
  ip[9] = 17;
  Buffer.from(from.split('.').map(Number)).copy(ip, 12);
  const udp = Buffer.alloc(8);
  udp.writeUInt16BE(2425, 0);
  udp.writeUInt16BE(2425, 2);
  udp.writeUInt16BE(8 + payload.length, 4);
  return Buffer.concat([ip, udp, payload]);
}

function pcap(records: Buffer[]): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16);
  header.writeUInt32LE(239, 20);
  return Buffer.concat([
    header,
    ...records.flatMap((record) => {
      const head = Buffer.alloc(16);
      head.writeUInt32LE(record.length, 8);
      head.writeUInt32LE(record.length, 12);
      return [head, record];
    }),
  ]);
}

describe('parseNflogPcap', () => {
  it('finds the payload TLV after others and strips IP and UDP headers', () => {
    const nflogHeader = Buffer.from([2, 0, 0, 7]);
    const prefix = tlv(10, Buffer.from('abc\0')); // NFULA_PREFIX, padded
    const hook = tlv(1, Buffer.from([0x08, 0x00, 1])); // odd length: padding to 4
    const first = Buffer.from('1_iptux 0.8.3:9:root:pc:288:hello\0');
    const second = Buffer.from('copy');
    const file = pcap([
      Buffer.concat([nflogHeader, prefix, hook, tlv(9, ipv4Udp('10.96.0.20', first))]),
      Buffer.concat([nflogHeader, tlv(9, ipv4Udp('10.96.0.21', second))]),
    ]);
    expect(parseNflogPcap(file)).toEqual([
      { from: '10.96.0.20', data: first },
      { from: '10.96.0.21', data: second },
    ]);
  });

  it('reads an empty capture as nothing and refuses other link types', () => {
    expect(parseNflogPcap(Buffer.alloc(0))).toEqual([]);
    const ethernet = pcap([]);
    ethernet.writeUInt32LE(1, 20);
    expect(() => parseNflogPcap(ethernet)).toThrow(/link type 1/);
  });
});
