// The live reader of iptux's DEBUG log hands a datagram over only once its record is
// complete: a sent datagram's hex dump ends with its size line, a received one's bytes
// are a single quoted line.
import { describe, expect, it } from 'vitest';
import { completeRecordsEnd } from '../../lab/iptux-packet-stream';
import { parseIptuxPacketLog } from '../../lab/iptux-packets';

const SENT = [
  '[2026-12-06 02:58:23.556][iptux-1][DEBUG]iptux-core/internal/Command.cpp:64:commandSendTo:send udp message to 10.96.0.10:2425, size 18',
  '00000000  31 5f 69 70 74 75 78 20  30 2e 38 2e 33 3a 39 3a  |1_iptux 0.8.3:9:|',
  '00000010  72 00                                             |r.|',
  '00000012',
  '',
].join('\n');
const RECEIVED = [
  '[2026-12-06 02:58:23.809][iptux-2][DEBUG]iptux-core/internal/UdpDataService.cpp:25:process:received udp message from 10.96.0.10:2425, size 4',
  '"1:9\\x00"',
  '[2026-12-06 02:58:23.809][iptux-2][INFO ]iptux-core/internal/UdpDataService.cpp:49:process:command NO.: [0x21] RECVMSG',
  '',
].join('\n');

describe('completeRecordsEnd', () => {
  it('waits for the size line that ends a sent datagram', () => {
    const cut = SENT.indexOf('00000010');
    expect(completeRecordsEnd(SENT.slice(0, cut))).toBe(0);
    expect(completeRecordsEnd(SENT)).toBe(SENT.length);
    expect(parseIptuxPacketLog(SENT.slice(0, completeRecordsEnd(SENT)))).toHaveLength(1);
  });

  it('waits for the quoted bytes of a received datagram', () => {
    const header = RECEIVED.slice(0, RECEIVED.indexOf('\n') + 1);
    expect(completeRecordsEnd(header)).toBe(0);
    const both = SENT + RECEIVED;
    const end = completeRecordsEnd(both);
    expect(end).toBe(both.length);
    const datagrams = parseIptuxPacketLog(both.slice(0, end));
    expect(datagrams.map((d) => [d.direction, d.data.toString('latin1')])).toEqual([
      ['sent', '1_iptux 0.8.3:9:r\0'],
      ['received', '1:9\0'],
    ]);
  });

  it('leaves a line not yet ended for later', () => {
    expect(completeRecordsEnd('[2026-12-06][iptux-1][INFO ]bind UDP port(2425) suc')).toBe(0);
  });
});
