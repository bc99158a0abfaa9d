// Just enough IPMsg to drive a real peer from lab smoke tests, independent of Pigeon's
// own codec (these tests prove the lab, not Pigeon).

export interface RawPacket {
  version: string;
  packetNo: string;
  user: string;
  host: string;
  command: number;
  /** Everything after the fifth ':' (NUL-separated fields, often NUL-terminated). */
  extra: string;
}

/** Splits `Ver:PacketNo:User:Host:Command:Extra`; undefined if it is not one. */
export function splitPacket(text: string): RawPacket | undefined {
  const fields: string[] = [];
  let rest = text;
  for (let i = 0; i < 5; i += 1) {
    const at = rest.indexOf(':');
    if (at < 0) return undefined;
    fields.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  const [version = '', packetNo = '', user = '', host = '', command = ''] = fields;
  if (!/^\d+$/.test(command)) return undefined;
  return { version, packetNo, user, host, command: Number(command), extra: rest };
}

/** The command's mode: its low byte. */
export const modeOf = (packet: RawPacket): number => packet.command & 0xff;

let lastPacketNo = 0;

/** Time-seeded, strictly increasing packet numbers (iptux drops SENDMSGs that go back). */
export function nextPacketNo(): number {
  lastPacketNo = Math.max(lastPacketNo + 1, Math.floor(Date.now() / 1000));
  return lastPacketNo;
}

export function formatPacket(p: {
  packetNo: number;
  user: string;
  host: string;
  command: number;
  extra: string;
}): string {
  return `1:${p.packetNo}:${p.user}:${p.host}:${p.command}:${p.extra}`;
}
