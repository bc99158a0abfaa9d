import { useTranslation } from 'react-i18next';
import type { MessageDTO } from '../../../src-shared/contract';
import { ResultDialog } from './ResultDialog';

/**
 * What became of a broadcast notice. Nobody acknowledges one (IP Messenger's broadcast
 * asks for no receipt), so "sent" is all there is to say, or that nobody was online.
 */
export function BroadcastResult({
  id,
  notice,
  onClose,
}: {
  id: string;
  notice: MessageDTO;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <ResultDialog id={id} title={t('several.broadcastTitle')} onClose={onClose}>
      <p id={`${id}-results`} className="several-broadcast-result" role="status" tabIndex={-1}>
        {notice.state === 'failed' ? t('several.broadcastNobody') : t('several.broadcastSent')}
      </p>
    </ResultDialog>
  );
}
