// Fuzz target: the datagram codec and what the receive side reads from every datagram
// before a handler runs (message text, acknowledgements, client detection). Invariants:
// nothing throws; fields are in range; decoded text is never longer than its bytes;
// re-encoding a decoded packet and decoding it again gives the same packet.
import {
  decodePacket,
  detectClient,
  encodePacket,
  LEGACY_ENCODINGS,
  MAX_DATAGRAM_IN,
  parseAckExtra,
  parseFeiqVersion,
  parseMessageExtra,
  protocolVersionOf,
  type Packet,
} from '../../../src-main/core/ipmsg';
import { check, flagsOf } from './invariant';

/** What encodePacket writes for a header field: ':' as ';', NUL dropped. */
const asWritten = (field: string): string => field.replace(/:/g, ';').replace(/\0/g, '');

function checkFields(packet: Packet, input: Buffer): void {
  check(Number.isInteger(packet.packetNo) && packet.packetNo >= 0, 'packetNo not a uint32');
  check(packet.packetNo <= 0xffffffff, 'packetNo above uint32');
  check(packet.command >= 0 && packet.command <= 0xffffffff, 'command not a uint32');
  check(packet.mode === (packet.command & 0xff), 'mode is not the low byte');
  check((packet.mode | packet.options) >>> 0 === packet.command, 'mode|options is not command');
  check(/^\d/.test(packet.version), 'version does not start with a digit');
  check(packet.extra.length < input.length, 'extra longer than the datagram');
  const text = packet.version.length + packet.user.length + packet.host.length;
  check(text <= input.length, 'header text longer than its bytes');
}

function checkRoundTrip(packet: Packet): void {
  const again = decodePacket(
    encodePacket({
      version: packet.version,
      packetNo: packet.packetNo,
      user: packet.user,
      host: packet.host,
      command: packet.command,
      extra: packet.extra,
    }),
  );
  check(again.ok, 'an encoded packet does not decode');
  const p = again.packet;
  check(p.version === asWritten(packet.version), 'version changed in a round trip');
  check(p.user === asWritten(packet.user), 'user changed in a round trip');
  check(p.host === asWritten(packet.host), 'host changed in a round trip');
  check(p.packetNo === packet.packetNo && p.command === packet.command, 'numbers changed');
  check(p.extra.equals(packet.extra), 'extra changed in a round trip');
}

export function fuzz(data: Buffer): void {
  const { flags, rest } = flagsOf(data);
  const legacy = LEGACY_ENCODINGS[flags % LEGACY_ENCODINGS.length] ?? 'gb18030';
  const result = decodePacket(rest, { legacyEncoding: legacy });
  if (rest.length > MAX_DATAGRAM_IN) {
    check(!result.ok && result.reason === 'oversized', 'an oversized datagram was decoded');
    return;
  }
  if (!result.ok) {
    check(result.reason === 'malformed', 'a small datagram called oversized');
    return;
  }
  const { packet } = result;
  checkFields(packet, rest);
  checkRoundTrip(packet);

  check(protocolVersionOf(packet.version) >= 0, 'a decoded version has no number');
  detectClient(packet.version);
  parseFeiqVersion(packet.version);
  const message = parseMessageExtra(packet.extra, packet.command, legacy);
  check(message.text.length <= packet.extra.length, 'message text longer than its bytes');
  check((message.attachments?.length ?? 0) <= packet.extra.length, 'attachments grew');
  const ack = parseAckExtra(packet.extra);
  check(ack === undefined || (Number.isInteger(ack) && ack <= 0xffffffff), 'ack out of range');
}
