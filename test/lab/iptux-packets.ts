// Reads the datagrams iptux logs at `-l DEBUG`: iptux's own record of what it received
// and sent, byte for byte, so a test can check what iptux made of a peer (e.g. in
// which encoding it answers) without trusting the peer's side. Lines look like:
//   [time][thread][DEBUG]…:process:received udp message from 10.99.0.10:2425, size 65
//   "1_pigeon 0.1.0:17:pigeon:pc:288:\xe4\xbd\xa0\x00"          (C-escaped bytes)
//   [time][thread][DEBUG]…:commandSendTo:send udp message to 10.99.0.10:2425, size 65
//   00000000  31 5f 69 70 74 75 78 20  30 2e 38 2e 33 3a 31 3a  |1_iptux 0.8.3:1:|
//   …                                                            (hex dump, then the size)

export interface IptuxDatagram {
  direction: 'received' | 'sent';
  /** The peer's address and port. */
  address: string;
  port: number;
  /** The bytes as iptux logged them. */
  data: Buffer;
  /** The size iptux announced (equals data.length unless the log was cut). */
  size: number;
}

const RECEIVED = /received udp message from ([\d.]+):(\d+), size (\d+)$/;
const SENT = /send udp message to ([\d.]+):(\d+), size (\d+)$/;
const HEX_LINE = /^[0-9a-f]{8}((?:\s+[0-9a-f]{2}){1,16})\s+\|/;

/** Undoes iptux's stringDumpAsCString: \xHH, \t, \n, \r, \", \\; anything else is literal. */
export function unescapeIptuxDump(quoted: string): Buffer {
  const body = quoted.replace(/^"/, '').replace(/"$/, '');
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'latin1'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (next === 'x') {
      bytes.push(parseInt(body.slice(i + 2, i + 4), 16));
      i += 3;
    } else {
      bytes.push(({ t: 9, n: 10, r: 13 } as Record<string, number>)[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes);
}

/** Every datagram in iptux's DEBUG output, in log order. */
export function parseIptuxPacketLog(output: string): IptuxDatagram[] {
  const lines = output.split('\n');
  const result: IptuxDatagram[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const received = RECEIVED.exec(line);
    if (received) {
      const dump = lines[i + 1] ?? '';
      if (!dump.startsWith('"')) continue; // INFO level: no bytes
      result.push({
        direction: 'received',
        address: received[1] as string,
        port: Number(received[2]),
        size: Number(received[3]),
        data: unescapeIptuxDump(dump),
      });
      continue;
    }
    const sent = SENT.exec(line);
    if (!sent) continue;
    const hex: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const row = HEX_LINE.exec(lines[j] as string);
      if (!row) break;
      hex.push(...(row[1] as string).trim().split(/\s+/));
    }
    result.push({
      direction: 'sent',
      address: sent[1] as string,
      port: Number(sent[2]),
      size: Number(sent[3]),
      data: Buffer.from(hex.join(''), 'hex'),
    });
  }
  return result;
}

/** The IPMsg command number of a logged datagram (the fifth ':' field), if it has one. */
export function iptuxCommandOf(data: Buffer): number | undefined {
  const fields = data.toString('latin1').split(':');
  if (fields.length < 6 || !/^\d+$/.test(fields[4] ?? '')) return undefined;
  return Number(fields[4]);
}
