// A lossy, duplicating link on a lab host, made with nftables: this kernel has no
// sch_netem, but nft works inside a network namespace. Loss is applied to what the host
// receives, duplication to what it sends, so each direction between two lossy hosts
// sees both.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Lan } from './lan';

export interface LossyLinkSpec {
  /** Percentage of the host's incoming UDP datagrams on `port` that are dropped. */
  dropPercent: number;
  /** Percentage of the host's outgoing UDP datagrams to or from `port` sent twice. */
  duplicatePercent: number;
  port?: number;
}

/** Whether `nft` (Debian package nftables) can be run here. */
export function hasNft(): boolean {
  const found = spawnSync('sh', ['-c', 'command -v nft || test -x /usr/sbin/nft'], {
    stdio: 'ignore',
  });
  return found.status === 0;
}

/**
 * True when the lossy-link tests can run. Without nft they cannot: with
 * PIGEON_REQUIRE_ALL=1 (CI) that is an error that names the package, otherwise the
 * caller skips and says why.
 */
export function nftOrExplain(): boolean {
  if (hasNft()) return true;
  const why = 'nft is missing: install the Debian package nftables for the lossy-link tests';
  if (process.env.PIGEON_REQUIRE_ALL === '1') throw new Error(why);
  process.stderr.write(`SKIPPED: ${why}\n`);
  return false;
}

const percent = (value: number, what: string): number => {
  if (!Number.isInteger(value) || value < 0 || value > 100) {
    throw new Error(`${what} must be a whole percentage, not ${value}`);
  }
  return value;
};

/** The nft script that makes one host's link lossy (one `nft -f` transaction). */
export function lossyRuleset(spec: LossyLinkSpec): string {
  const port = spec.port ?? 2425;
  const drop = percent(spec.dropPercent, 'dropPercent');
  const dup = percent(spec.duplicatePercent, 'duplicatePercent');
  return [
    'table inet pigeon_loss {',
    '  chain in {',
    '    type filter hook input priority 0; policy accept;',
    `    udp dport ${port} numgen random mod 100 < ${drop} counter drop`,
    '  }',
    '}',
    // `dup to <device>` exists only in the netdev family; on egress it sends a copy.
    'table netdev pigeon_dup {',
    '  chain out {',
    '    type filter hook egress device "eth0" priority 0; policy accept;',
    `    udp dport ${port} numgen random mod 100 < ${dup} counter dup to "eth0"`,
    `    udp sport ${port} udp dport != ${port} numgen random mod 100 < ${dup} counter dup to "eth0"`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Applies the lossy ruleset on `host` (replacing an earlier one). */
export async function makeLossy(lan: Lan, host: string, spec: LossyLinkSpec): Promise<void> {
  await clearLossy(lan, host);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pigeon-nft-'));
  const file = path.join(dir, 'lossy.nft');
  try {
    await writeFile(file, lossyRuleset(spec));
    const result = await lan.exec(host, 'nft', ['-f', file], { allowFailure: true });
    if (result.code !== 0) {
      throw new Error(`nft on ${host} refused the lossy ruleset: ${result.stderr.trim()}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function clearLossy(lan: Lan, host: string): Promise<void> {
  for (const table of ['inet pigeon_loss', 'netdev pigeon_dup']) {
    await lan.exec(host, 'nft', ['delete', 'table', ...table.split(' ')], { allowFailure: true });
  }
}

/** Datagrams the rules dropped and duplicated on `host` so far (from nft's counters). */
export async function lossyCounts(
  lan: Lan,
  host: string,
): Promise<{ dropped: number; duplicated: number }> {
  const { stdout } = await lan.exec(host, 'nft', ['list', 'ruleset']);
  const packets = (action: string): number =>
    [...stdout.matchAll(new RegExp(`counter packets (\\d+) bytes \\d+ ${action}`, 'g'))].reduce(
      (sum, m) => sum + Number(m[1]),
      0,
    );
  return { dropped: packets('drop'), duplicated: packets('dup') };
}
