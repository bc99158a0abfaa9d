// The SENDMSG|FILEATTACHOPT that carries an offer: the items registered for the peer's
// address (so the file server will serve them to it alone), then the attachment list
// written as that peer's client reads it.
import { ContractError } from '../../../../src-shared/contract';
import type { PeerRecord } from '../../discovery/peer-directory';
import { encodeAttachments } from '../../ipmsg';
import type { MessageSender } from '../../pipeline/message-sender';
import type { OfferRegistry } from './offer-registry';
import { offerAttachments, offeredItems } from './outgoing-offer';
import type { TransferRecord } from '../../store/records/transfer-record';

/** Registers `record`'s items for `peer` and builds the packet; the record gets its fileIDs. */
export function buildOfferPacket(
  record: TransferRecord,
  peer: PeerRecord,
  deps: { registry: OfferRegistry; sender: MessageSender },
): Buffer {
  const textEncoding = deps.sender.textEncodingFor(peer);
  // iptux 0.8.3 reads a name's fields before unescaping '::' and rejects the list: no escaping.
  const names = { encoding: textEncoding.encoding, escapeColons: peer.client !== 'iptux' };
  record.utf8 = textEncoding.utf8Flag;
  const toPigeon = peer.client === 'pigeon';
  const offer = deps.registry.offer(record.packetNo, peer.address, offeredItems(record.items), {
    names,
    sealed: toPigeon,
  });
  offer.files.forEach((file, i) => {
    const item = record.items[i];
    if (item) item.fileId = file.fileId;
  });
  const list = encodeAttachments(
    offerAttachments(offer.files, record.items, {
      toPigeon,
      folderSizes: peer.client === 'iptux',
      image: record.image,
    }),
    names,
  );
  try {
    return deps.sender.build({
      recipient: peer,
      text: '',
      options: { confirm: true },
      attachments: list,
      packetNo: record.packetNo,
    });
  } catch {
    deps.registry.withdraw(record.packetNo);
    throw new ContractError(
      'invalid-request',
      'Too many files (or names too long) for one offer: put them in a folder and offer the folder.',
    );
  }
}
