// iptux's personal signature: IPTUX_SENDSIGN (0xfc), the text alone as the packet's
// extra, sent by iptux to a peer it counts compatible after each entry it hears.
import { cleanSignature } from '../../../src-shared/contract';
import type { Packet } from '../ipmsg/packet';
import { decodeText, encodeText, legacyEncodingFor, type LegacyEncoding } from '../ipmsg/text';

/** The signature an 0xfc packet carries, cleaned; text after a NUL is not part of it. */
export function readIptuxSignature(packet: Packet, legacy: LegacyEncoding): string {
  const end = packet.extra.indexOf(0);
  const bytes = end === -1 ? packet.extra : packet.extra.subarray(0, end);
  const text = decodeText(bytes, {
    utf8Flag: false,
    legacy: legacyEncodingFor(packet.version, legacy),
  });
  return cleanSignature(text);
}

/** Our signature as iptux reads it: in the encoding it reads all our text with, NUL-ended. */
export function iptuxSignatureExtra(signature: string, encoding: LegacyEncoding | 'utf8'): Buffer {
  return Buffer.concat([encodeText(cleanSignature(signature), encoding), Buffer.from([0])]);
}
