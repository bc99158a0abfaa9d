import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MessageDTO, SeveralCopyDTO } from '../../../src-shared/contract';
import { useAppStore } from '../../store/store-context';
import { ResultDialog } from './ResultDialog';

/**
 * Where each contact's copy is, kept current: a copy's state reaches this window as its
 * conversation's latest message, so a copy still the latest shows what became of it.
 */
export function SeveralResults({
  id,
  copies,
  onClose,
}: {
  id: string;
  copies: readonly SeveralCopyDTO[];
  onClose(): void;
}) {
  const { t } = useTranslation();
  const peers = useAppStore((state) => state.peers);
  const conversations = useAppStore((state) => state.conversations);
  const sent = copies.filter((copy) => copy.messages.length > 0).length;

  const current = (copy: SeveralCopyDTO): MessageDTO | undefined => {
    const last = copy.messages.at(-1);
    const latest = conversations.get(copy.peerId)?.lastMessage;
    return latest && latest.id === last?.id ? latest : last;
  };

  return (
    <ResultDialog id={id} title={t('several.resultsTitle', { count: sent })} onClose={onClose}>
      <ul
        id={`${id}-results`}
        className="several-results"
        aria-label={t('several.results')}
        tabIndex={-1}
      >
        {copies.map((copy) => {
          const name = peers.get(copy.peerId)?.nickname ?? copy.peerId;
          return (
            <li key={copy.peerId} className="several-result">
              <span className="several-result-name">{name}</span>
              <span className="several-result-state">{stateText(t, copy, current(copy))}</span>
            </li>
          );
        })}
      </ul>
    </ResultDialog>
  );
}

function stateText(t: TFunction, copy: SeveralCopyDTO, message: MessageDTO | undefined): string {
  if (!message) return t('several.stateRefused', { reason: copy.error ?? '' });
  switch (message.state) {
    case 'delivered':
      return t('several.stateDelivered');
    case 'queued':
      return t('several.stateQueued');
    case 'failed':
      return t('several.stateFailed', { reason: message.error ?? '' });
    default:
      return t('several.stateSending');
  }
}
