// Datagrams as real peers send them (interop reference §1, §3, §4, §8, §9). Codepage
// bytes are written out in hex so the tests do not trust the encoder they check.

/** Joins ASCII/UTF-8 strings and raw byte arrays into one datagram. */
export function bytes(...parts: (string | number[] | Buffer)[]): Buffer {
  return Buffer.concat(
    parts.map((p) =>
      typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.isBuffer(p) ? p : Buffer.from(p),
    ),
  );
}

export const hex = (h: string): Buffer => Buffer.from(h.replace(/\s+/g, ''), 'hex');

/** Debian iptux 0.8.3+git20211122 at start-up, captured on loopback. */
export const IPTUX_ENTRY_BROADCAST = bytes(
  '1_iptux 0.8.3:1:root:vm:257:IptuxNick\0IptuxGroup\0icon-tux.png\0utf-8\0',
);
export const IPTUX_ENTRY_DIALUP = bytes(
  '1_iptux 0.8.3:2:root:vm:65793:IptuxNick\0IptuxGroup\0icon-tux.png\0utf-8\0',
);
export const IPTUX_ANSENTRY = bytes(
  '1_iptux 0.8.3:4:root:vm:259:IptuxNick\0IptuxGroup\0icon-tux.png\0utf-8\0',
);

/** iptux acknowledging our SENDMSG 1700000123 (RECVMSG|SENDCHECKOPT = 289). */
export const IPTUX_RECVMSG = bytes('1_iptux 0.8.3:7:u:h:289:1700000123\0');

/** The example from the protocol document. */
export const IPMSG_HELLO = bytes('1:100:shirouzu:jupiter:32:Hello');

/** The same message on IP Messenger's last retry: SENDCHECKOPT and 64 zero bytes. */
export const IPMSG_HELLO_PADDED = bytes('1:101:shirouzu:jupiter:288:Hello\0', Buffer.alloc(64));

// 张三 / 研发部 in CP936 (GBK).
export const GBK_ZHANG_SAN = hex('d5c5 c8fd');
export const GBK_DEV_GROUP = hex('d1d0 b7a2 b2bf');

/** BR_ENTRY | FILEATTACHOPT | CAPUTF8OPT | CLIPBOARDOPT */
export const IPMSG4_ENTRY_COMMAND = 0x01 | 0x200000 | 0x1000000 | 0x8000000;

/**
 * IP Messenger 4.x on Chinese Windows: legacy fields in CP936, then the UTF-8 block,
 * no final NUL.
 */
export const IPMSG4_ENTRY = bytes(
  `1:1700000000:zhangsan:DESKTOP-01:${IPMSG4_ENTRY_COMMAND}:`,
  GBK_ZHANG_SAN,
  [0],
  GBK_DEV_GROUP,
  [0],
  '\nUN:zhangsan\nHN:DESKTOP-01\nNN:张三\nGN:研发部\nVS:00010002:4:99:3',
);

/**
 * The same user on Japanese Windows: CP932 cannot hold 张, so the legacy nickname
 * arrives as '?' + 三 (CP932 8e4f) and only the block has the real name.
 */
export const IPMSG4_ENTRY_CP932 = bytes(
  `1:1700000001:zhangsan:DESKTOP-01:${IPMSG4_ENTRY_COMMAND}:`,
  hex('3f 8e4f'),
  [0],
  [0],
  '\nUN:zhangsan\nHN:DESKTOP-01\nNN:张三\nGN:\nVS:00010002:4:99:3',
);

export const FEIQ_MAC = '5C260A1B2C3D';
export const FEIQ_VERSION = `1_lbt6_0#128#${FEIQ_MAC}#0#0#0#4001#9`;

/** FeiQ SENDMSG|SENDCHECKOPT in GBK: "你好，世界\r\n第二行" and its font suffix (宋体). */
export const FEIQ_SENDMSG = bytes(
  `${FEIQ_VERSION}:1700000456:feiq:PC-01:288:`,
  hex('c4e3 bac3 a3ac cac0 bde7'), // 你好，世界
  '\r\n',
  hex('b5da b6fe d0d0'), // 第二行
  '{/font;-16 0 0 0 400 0 0 0 134 0 0 2 32 ',
  hex('cbce cce5'), // 宋体
  ' 0;}',
  [0],
);
