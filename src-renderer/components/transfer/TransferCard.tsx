import { useTranslation } from 'react-i18next';
import type { TransferDTO } from '../../../src-shared/contract';
import { displayName } from '../../format/display-name';
import { formatBytes } from '../../format/size';
import { useTransferImage } from '../../hooks/use-transfer-image';
import { useAppStore } from '../../store/store-context';
import { TransferActions } from './TransferActions';
import { TransferImage } from './TransferImage';
import { TransferItems } from './TransferItems';
import { TransferProgress } from './TransferProgress';

/**
 * The files, folder or picture a message carries, with where the transfer is and
 * what can be done about it. Selects only its own transfer: progress re-renders
 * one card, not the log.
 */
export function TransferCard({ transferId }: { transferId: string }) {
  const { t } = useTranslation();
  const transfer = useAppStore((state) => state.transfers.get(transferId));
  const peerName = usePeerName(transfer?.conversationId);
  const picture = useTransferImage(transfer);
  if (!transfer) return <p className="transfer-card transfer-loading">{t('transfer.loading')}</p>;
  const incoming = transfer.direction === 'in';
  const label = incoming
    ? t('transfer.card', { name: peerName })
    : t('transfer.cardOut', { name: peerName });
  const firstName = transfer.items[0]?.name ?? '';
  const showItems = !(transfer.image && picture.status === 'ready');
  return (
    <section className={`transfer-card transfer-${transfer.state}`} aria-label={label}>
      {transfer.image && <TransferImage picture={picture} name={firstName} />}
      {showItems && <TransferItems items={transfer.items} />}
      {showItems && transfer.items.length > 1 && <TransferTotal transfer={transfer} />}
      <TransferStatus transfer={transfer} peerName={peerName} />
      {transfer.state === 'active' && <TransferProgress transfer={transfer} />}
      <TransferActions transfer={transfer} />
    </section>
  );
}

function TransferTotal({ transfer }: { transfer: TransferDTO }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="transfer-total">
      {t('transfer.total', {
        files: t('transfer.files', { count: transfer.items.length }),
        size: formatBytes(transfer.totalBytes, i18n.language),
      })}
    </p>
  );
}

/** The state in words; a failure with its reason. */
function TransferStatus({ transfer, peerName }: { transfer: TransferDTO; peerName: string }) {
  const { t } = useTranslation();
  const incoming = transfer.direction === 'in';
  let text: string;
  switch (transfer.state) {
    case 'offered':
      text = incoming ? t('transfer.waitingIn') : t('transfer.waitingOut', { name: peerName });
      break;
    case 'done':
      text = incoming ? t('transfer.doneIn') : t('transfer.doneOut');
      break;
    case 'failed':
      text = transfer.error
        ? t('transfer.failed', { reason: transfer.error })
        : t('transfer.failedNoReason');
      break;
    case 'cancelled':
      text = t('transfer.cancelled');
      break;
    case 'declined':
      text = t('transfer.declined');
      break;
    default:
      return null;
  }
  return <p className={`transfer-status status-${transfer.state}`}>{text}</p>;
}

/** The name of the conversation's peer, for "Waiting for … to accept". */
function usePeerName(conversationId: string | undefined): string {
  const { t } = useTranslation();
  const peer = useAppStore((state) => {
    if (conversationId === undefined) return undefined;
    const peerId = state.conversations.get(conversationId)?.peerId ?? conversationId;
    return state.peers.get(peerId);
  });
  return peer ? displayName(peer) : t('chat.unknownPeer');
}
