import { hasOption, Opt } from '../ipmsg/commands';
import type { EntryInfo } from '../ipmsg/entry';

/**
 * What an entry says of the peer's status: Pigeon's ST: line (busy or away), else
 * ABSENCEOPT, except from iptux, which sets it on every entry. A busy Pigeon's broadcast
 * has no block, only ABSENCEOPT: it stays busy.
 */
export function statusOf(
  entry: EntryInfo,
  client: string,
  command: number,
  before: string | undefined,
): 'online' | 'away' | 'busy' {
  if (entry.block?.status) return entry.block.status;
  if (client === 'iptux' || !hasOption(command, Opt.ABSENCEOPT)) return 'online';
  return !entry.block && before === 'busy' ? 'busy' : 'away';
}
