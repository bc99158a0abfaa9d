// Command numbers of the IP Messenger protocol and the dialects Pigeon meets on a LAN.
// A command is a uint32: the low byte is the mode, the high 24 bits are option flags.
// JavaScript bit operators work on int32, so every helper here ends with `>>> 0`
// to keep values such as 0x80000000 positive.

/** Command modes (low byte of the command). */
export const Mode = {
  NOOPERATION: 0x00,
  BR_ENTRY: 0x01,
  BR_EXIT: 0x02,
  ANSENTRY: 0x03,
  /** Called BR_NOTIFY by IP Messenger 4.x. */
  BR_ABSENCE: 0x04,

  BR_ISGETLIST: 0x10,
  OKGETLIST: 0x11,
  GETLIST: 0x12,
  ANSLIST: 0x13,
  ANSLIST_DICT: 0x14,
  BR_ISGETLIST2: 0x18,

  SENDMSG: 0x20,
  RECVMSG: 0x21,
  READMSG: 0x30,
  DELMSG: 0x31,
  ANSREADMSG: 0x32,

  GETINFO: 0x40,
  SENDINFO: 0x41,
  GETABSENCEINFO: 0x50,
  SENDABSENCEINFO: 0x51,

  GETFILEDATA: 0x60,
  RELEASEFILES: 0x61,
  GETDIRFILES: 0x62,
  DIRFILES_AUTH: 0x63,
  DIRFILES_AUTHRET: 0x64,

  GETPUBKEY: 0x72,
  ANSPUBKEY: 0x73,

  // IP Messenger 4.x member-master ("directory") service; recognised, never used.
  AGENT_REQ: 0xa0,
  AGENT_ANSREQ: 0xa1,
  AGENT_PACKET: 0xa2,
  AGENT_PROXYREQ: 0xa3,
  DIR_POLL: 0xb0,
  DIR_POLLAGENT: 0xb1,
  DIR_BROADCAST: 0xb2,
  DIR_ANSBROAD: 0xb3,
  DIR_PACKET: 0xb4,
  DIR_REQUEST: 0xb5,
  DIR_AGENTPACKET: 0xb6,
  DIR_EVBROAD: 0xb7,
  DIR_AGENTREJECT: 0xb8,

  // FeiQ extensions (public reverse engineering).
  FEIQ_GROUP_MSG: 0x23,
  OPEN_WINDOW: 0x77,
  TYPING: 0x79,
  TYPING_STOP: 0x7a,
  FEIQ_IMAGE: 0xc0,
  FEIQ_GROUP_ANNOUNCE: 0xc9,
  KNOCK: 0xd1,

  // iptux extensions.
  IPTUX_GROUP_MSG: 0xfb,
  IPTUX_SENDSIGN: 0xfc,
  IPTUX_SENDSUBLAYER: 0xfd,
  IPTUX_SENDICON: 0xfe,
  IPTUX_ASKSHARED: 0xff,
} as const;

export type ModeName = keyof typeof Mode;

/**
 * Option flags (high 24 bits). The same bit means different things by command class,
 * so the classes get separate names with overlapping values: read 0x100 as ABSENCEOPT on
 * entry packets and as SENDCHECKOPT on SENDMSG.
 */
export const Opt = {
  // Entry and "all commands" class.
  ABSENCEOPT: 0x100,
  SERVEROPT: 0x200,
  DIALUPOPT: 0x10000,
  CAPFILEENCOPT: 0x40000,
  FILEATTACHOPT: 0x200000,
  ENCRYPTOPT: 0x400000,
  UTF8OPT: 0x800000,
  CAPUTF8OPT: 0x1000000,
  CAPIPDICTOPT: 0x2000000,
  ENCEXTMSGOPT: 0x4000000,
  CLIPBOARDOPT: 0x8000000,
  DIR_MASTER: 0x10000000,

  // Send class (SENDMSG and friends).
  SENDCHECKOPT: 0x100,
  SECRETOPT: 0x200,
  BROADCASTOPT: 0x400,
  MULTICASTOPT: 0x800,
  /** Legacy only; IP Messenger 4.x reuses 0x1000 as an obsolete file-encryption flag. */
  NOPOPUPOPT: 0x1000,
  AUTORETOPT: 0x2000,
  RETRYOPT: 0x4000,
  PASSWORDOPT: 0x8000,
  NOLOGOPT: 0x20000,
  NEWMULTIOPT: 0x40000,
  NOADDLISTOPT: 0x80000,
  READCHECKOPT: 0x100000,
  /** SECRETOPT | READCHECKOPT. */
  SECRETEXOPT: 0x100200,

  // GETFILEDATA / GETDIRFILES class (4.x).
  ENCFILEOPT: 0x800,

  // iptux extensions.
  IPTUX_PHOTOPICOPT: 0x100,
  IPTUX_MSGPICOPT: 0x200,
  IPTUX_PASSWDOPT: 0x40000000,
  IPTUX_SHAREDOPT: 0x80000000,
} as const;

/** Attachment attributes: the low byte is the file type, the high bits are flags. */
export const FileAttr = {
  REGULAR: 0x1,
  DIR: 0x2,
  RETPARENT: 0x3,
  SYMLINK: 0x4,
  CDEV: 0x5,
  BDEV: 0x6,
  FIFO: 0x7,
  RESFORK: 0x10,
  CLIPBOARD: 0x20,

  RONLY: 0x100,
  HIDDEN: 0x1000,
  EXHIDDEN: 0x2000,
  ARCHIVE: 0x4000,
  SYSTEM: 0x8000,
} as const;

/** Keys of the `key=value` extensions that may follow an attachment's attributes. */
export const FileAttrKey = {
  UID: 0x1,
  USERNAME: 0x2,
  GID: 0x3,
  GROUPNAME: 0x4,
  CLIPBOARDPOS: 0x8,
  PERM: 0x10,
  MAJORNO: 0x11,
  MINORNO: 0x12,
  CTIME: 0x13,
  MTIME: 0x14,
  ATIME: 0x15,
  CREATETIME: 0x16,
  CREATOR: 0x20,
  FILETYPE: 0x21,
  FINDERINFO: 0x22,
  ACL: 0x30,
  ALIASFNAME: 0x40,
} as const;

/** The file type of an attachment attribute (its low byte). */
export function fileTypeOf(attr: number): number {
  return attr & 0xff;
}

export function modeOf(command: number): number {
  return command & 0xff;
}

export function optionsOf(command: number): number {
  return (command & 0xffffff00) >>> 0;
}

/** True when every bit of `bit` is set (so composite flags such as SECRETEXOPT work). */
export function hasOption(command: number, bit: number): boolean {
  return (command & bit) >>> 0 === bit >>> 0;
}

/** Joins a mode and option flags into a uint32 command. */
export function makeCommand(mode: number, options = 0): number {
  return ((mode & 0xff) | (options & 0xffffff00)) >>> 0;
}

const namesByMode = new Map<number, ModeName>(
  (Object.entries(Mode) as [ModeName, number][]).map(([name, value]) => [value, name]),
);

export function isKnownMode(mode: number): boolean {
  return namesByMode.has(mode);
}

/** A readable name for logs and statistics; unknown modes read as `0xNN`. */
export function modeName(mode: number): string {
  const name = namesByMode.get(mode);
  if (name !== undefined) return name;
  if (!Number.isInteger(mode)) return 'INVALID';
  return `0x${(mode >>> 0).toString(16).toUpperCase().padStart(2, '0')}`;
}
