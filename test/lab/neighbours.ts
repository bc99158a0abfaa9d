import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Lan } from './lan';
import { run } from './proc';

/**
 * Permanent neighbour (ARP) entries between every pair of hosts on the LAN. The kernel's
 * neighbour table holds 1,024 learned entries for all namespaces together; beyond about
 * 45 hosts on one bridge it overflows and unicasts are lost. Permanent entries do not
 * count against it. One `ip -batch` per host keeps this to a second at 50 hosts.
 */
export async function addPermanentNeighbours(lan: Lan): Promise<void> {
  const macs = new Map<string, string>();
  for (const host of lan.hosts) {
    const { stdout } = await run('ip', ['-n', host.netns, '-j', 'link', 'show', 'dev', 'eth0']);
    const [link] = JSON.parse(stdout) as { address: string }[];
    if (!link) throw new Error(`no eth0 on ${host.name}`);
    macs.set(host.address, link.address);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'lab-neigh-'));
  try {
    for (const host of lan.hosts) {
      const lines = [...macs]
        .filter(([address]) => address !== host.address)
        .map(([address, mac]) => `neigh replace ${address} lladdr ${mac} dev eth0 nud permanent`);
      const file = path.join(dir, `${host.name}.batch`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      await run('ip', ['-n', host.netns, '-batch', file]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
