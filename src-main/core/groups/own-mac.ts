import { createHash } from 'node:crypto';
import os from 'node:os';

/**
 * The MAC Pigeon writes in its FeiQ version field: FeiQ keys group messages with it.
 * The first real interface's, as FeiQ does; a machine with none (a container) gets a
 * stable one made from its identity, which serves as a key just as well.
 */
export function ownMac(
  identity: string,
  source: () => NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces,
): string {
  for (const infos of Object.values(source())) {
    for (const info of infos ?? []) {
      if (info.internal || info.family !== 'IPv4') continue;
      const hex = info.mac.replace(/:/g, '').toUpperCase();
      if (/^[0-9A-F]{12}$/.test(hex) && !/^0+$/.test(hex)) return hex;
    }
  }
  return createHash('sha256').update(identity).digest('hex').slice(0, 12).toUpperCase();
}
