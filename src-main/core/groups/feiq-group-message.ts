// FeiQ's group message (0x23 with ENCRYPTOPT), multicast to 226.81.9.8: the version
// field `1_lbt6_0#128#<MAC>#0#0#<cipher length>#4001#9` names the key and the length;
// the extra is the sealed GBK text `QUNMSGMARK#<group id hex>_<unix time>#<text>{/font…}`.
// Older clients leave out `_<time>`.
import { makeCommand, Mode, Opt } from '../ipmsg/commands';
import { encodePacket, type Packet } from '../ipmsg/packet';
import { decodeLegacy, encodeText } from '../ipmsg/text';
import { openFeiqGroup, sealFeiqGroup } from './feiq-group-cipher';

export const FEIQ_GROUP_ADDRESS = '226.81.9.8';
export const FEIQ_GROUP_COMMAND = makeCommand(Mode.FEIQ_GROUP_MSG, Opt.ENCRYPTOPT);

const MARK = 'QUNMSGMARK#';
const MAC = /^[0-9a-f]{12}$/i;
const GROUP_ID = /^[0-9a-f]{1,16}$/i;
const FONT_SUFFIX = /\{\/font;[^{}]*\}\s*$/;
/** FeiQ 2.x and later write this font after the text; FeiQ shows the text without it. */
const DEFAULT_FONT = '{/font;-12 0 0 0 400 0 0 0 134 3 2 1 2 宋体 0;}';

export interface FeiqGroupMessage {
  /** The group's id as FeiQ writes it, lower-case hex. */
  groupId: string;
  text: string;
  /** When the sender says it wrote it (seconds since the epoch), when it says. */
  sentAt?: number;
}

/** The MAC and the sealed length from a FeiQ version field, or undefined. */
function versionFacts(version: string): { mac: string; length: number } | undefined {
  const fields = version.split('#');
  const mac = fields[2] ?? '';
  const length = Number(fields[5]);
  if (!MAC.test(mac) || !Number.isInteger(length) || length <= 0) return undefined;
  return { mac, length };
}

/** Reads a FeiQ group packet; undefined for anything that does not open as one. */
export function readFeiqGroupMessage(packet: Packet): FeiqGroupMessage | undefined {
  const facts = versionFacts(packet.version);
  if (!facts || facts.length > packet.extra.length) return undefined;
  const plain = openFeiqGroup(packet.extra.subarray(0, facts.length), facts.mac);
  if (!plain) return undefined;
  const decoded = decodeLegacy(plain, 'gb18030');
  if (!decoded.startsWith(MARK)) return undefined;
  const rest = decoded.slice(MARK.length);
  const hash = rest.indexOf('#');
  if (hash === -1) return undefined;
  const [id = '', time] = rest.slice(0, hash).split('_');
  if (!GROUP_ID.test(id)) return undefined;
  // A zero-padded body may keep NULs after the text: it ends at the first.
  const said = rest.slice(hash + 1).split('\0')[0] ?? '';
  const text = said.replace(FONT_SUFFIX, '').replace(/\r\n?/g, '\n');
  const message: FeiqGroupMessage = { groupId: id.toLowerCase(), text };
  const seconds = Number(time);
  if (time !== undefined && Number.isInteger(seconds) && seconds > 0) message.sentAt = seconds;
  return message;
}

export interface FeiqGroupSender {
  mac: string;
  user: string;
  host: string;
  packetNo: number;
}

/** A FeiQ group datagram from us: our MAC keys it, so our version field must be FeiQ's. */
export function buildFeiqGroupPacket(
  sender: FeiqGroupSender,
  message: { groupId: string; text: string; sentAt: number },
): Buffer {
  const clean = message.text.replace(/\r?\n/g, '\r\n').replace(/\0/g, '');
  const body = `${MARK}${message.groupId}_${message.sentAt}#${clean}${DEFAULT_FONT}`;
  const sealed = sealFeiqGroup(encodeText(body, 'gbk'), sender.mac);
  return encodePacket({
    version: `1_lbt6_0#128#${sender.mac}#0#0#${sealed.length}#4001#9`,
    packetNo: sender.packetNo,
    user: sender.user,
    host: sender.host,
    command: FEIQ_GROUP_COMMAND,
    extra: sealed,
    headerEncoding: 'gbk',
  });
}
