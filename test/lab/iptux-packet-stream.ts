// iptux's DEBUG packet log read as it is printed, for runs too long for the output tail
// a lab process keeps (256 KiB): each datagram is handed over once, as soon as its record
// is complete. A packet record is a `[time]… size N` line followed by its bytes: one
// quoted line for a datagram received, hex rows ending with a line holding the size alone
// for one sent. Any other `[time]` line is complete in itself.
import type { IptuxPeer } from './iptux';
import { parseIptuxPacketLog, type IptuxDatagram } from './iptux-packets';

const PACKET_HEADER = /(received udp message from|send udp message to) [\d.]+:\d+, size \d+$/;
const HEX_SIZE_LINE = /^[0-9a-f]{8}$/;

/** Where the complete records at the start of `text` end (0 if none is complete yet). */
export function completeRecordsEnd(text: string): number {
  let end = 0;
  let offset = 0;
  const lines = text.split('\n');
  lines.pop(); // not ended by a newline yet
  for (const line of lines) {
    offset += line.length + 1;
    const closes =
      HEX_SIZE_LINE.test(line) ||
      line.startsWith('"') ||
      (line.startsWith('[') && !PACKET_HEADER.test(line));
    if (closes) end = offset;
  }
  return end;
}

/** Calls `onDatagram` for each datagram iptux logs from now on; returns a stop function. */
export function followIptuxPackets(
  iptux: IptuxPeer,
  onDatagram: (datagram: IptuxDatagram) => void,
): () => void {
  let pending = '';
  return iptux.onOutput((chunk) => {
    pending += chunk;
    const end = completeRecordsEnd(pending);
    if (end === 0) return;
    const complete = pending.slice(0, end);
    pending = pending.slice(end);
    for (const datagram of parseIptuxPacketLog(complete)) onDatagram(datagram);
  });
}
