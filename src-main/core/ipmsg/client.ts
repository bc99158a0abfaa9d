// Which program a peer runs, read from the packet's version field. IP Messenger drops
// any packet whose version does not read as the number 1 (C `atoi`), so every dialect
// starts with "1" and a non-digit, and so must Pigeon's.

export const PIGEON_VERSION_PREFIX = '1_pigeon';

export type ClientKind = 'pigeon' | 'ipmsg' | 'feiq' | 'iptux' | 'unknown';

/** `1_pigeon <appVersion>`; characters that would break the header are dropped. */
export function pigeonVersionString(appVersion: string): string {
  const clean = appVersion.replace(/[:\u0000-\u001f\u007f]/g, '').trim();
  return clean === '' ? PIGEON_VERSION_PREFIX : `${PIGEON_VERSION_PREFIX} ${clean}`;
}

export function detectClient(version: string): ClientKind {
  if (version === PIGEON_VERSION_PREFIX || version.startsWith(`${PIGEON_VERSION_PREFIX} `)) {
    return 'pigeon';
  }
  if (version.startsWith('1_lbt')) return 'feiq';
  if (version.startsWith('1_iptux')) return 'iptux';
  if (/^1(?!\d)/.test(version)) return 'ipmsg';
  return 'unknown';
}

export interface FeiqVersion {
  /** 4 = FeiQ 2.x, 6 = FeiQ 3.x. */
  generation: number;
  /** Index of a built-in avatar. */
  avatar: number;
  /** Level / status, usually 128. */
  level: number;
  /** 12 hex digits exactly as written: the group-chat key, so its case is kept. */
  mac: string;
  /** Ciphertext length of a group message, else 0. */
  groupCipherLength: number;
}

/** Reads `1_lbt<G>_<A>#<L>#<MAC>#0#0#<N>#4001#9`; anything else gives undefined. */
export function parseFeiqVersion(version: string): FeiqVersion | undefined {
  const fields = version.split('#');
  const head = /^1_lbt(\d{1,4})_(\d{1,6})$/.exec(fields[0] ?? '');
  const level = fields[1] ?? '';
  const mac = fields[2] ?? '';
  if (!head || !/^\d{1,10}$/.test(level) || !/^[0-9A-F]{12}$/i.test(mac)) return undefined;
  const cipher = fields[5] ?? '';
  return {
    generation: Number(head[1]),
    avatar: Number(head[2]),
    level: Number(level),
    mac,
    groupCipherLength: /^\d{1,10}$/.test(cipher) ? Number(cipher) : 0,
  };
}
