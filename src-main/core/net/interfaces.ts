import os from 'node:os';

export interface Ipv4Interface {
  name: string;
  address: string;
  netmask: string;
  /** Directed broadcast address of the interface's subnet. */
  broadcast: string;
}

const toInt = (ip: string): number =>
  ip.split('.').reduce((acc, part) => ((acc << 8) | (Number(part) & 0xff)) >>> 0, 0);
const toIp = (n: number): string =>
  [24, 16, 8, 0].map((shift) => String((n >>> shift) & 0xff)).join('.');

export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

export function directedBroadcast(address: string, netmask: string): string {
  const mask = toInt(netmask);
  return toIp((toInt(address) & mask) | (~mask >>> 0));
}

/** The machine's non-loopback IPv4 interfaces with their broadcast addresses. */
export function listIpv4Interfaces(
  source: () => NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces,
): Ipv4Interface[] {
  const result: Ipv4Interface[] = [];
  for (const [name, infos] of Object.entries(source())) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal) continue;
      result.push({
        name,
        address: info.address,
        netmask: info.netmask,
        broadcast: directedBroadcast(info.address, info.netmask),
      });
    }
  }
  return result;
}

/** Every IPv4 address of this machine, loopback included (to recognise our own datagrams). */
export function localIpv4Addresses(
  source: () => NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces,
): Set<string> {
  const result = new Set<string>(['127.0.0.1']);
  for (const infos of Object.values(source())) {
    for (const info of infos ?? []) if (info.family === 'IPv4') result.add(info.address);
  }
  return result;
}
